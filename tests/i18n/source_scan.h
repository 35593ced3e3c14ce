// Finds user-visible string literals that bypass the catalogue: every literal in a source file
// with the function call it is an argument of, so a test can ask "is it inside tr()?".
#pragma once

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kosim::i18n_test {

struct Literal {
    std::string text;      // the literal's contents as written (escapes kept)
    std::string callee;    // the innermost call it is an argument of ("tr", "TextUnformatted"), or ""
    std::size_t line = 0;
};

// Every string literal outside comments and preprocessor lines, with its innermost callee.
inline std::vector<Literal> string_literals(std::string_view source) {
    std::vector<Literal> out;
    std::vector<std::string> calls;   // the callee of each open parenthesis ("" for grouping)
    std::string last_word;            // the identifier just before the current position
    std::size_t line = 1;
    bool line_start = true;
    for (std::size_t i = 0; i < source.size(); ++i) {
        const char c = source[i];
        if (c == '\n') { ++line; line_start = true; continue; }
        if (line_start && c == '#') {   // a preprocessor line: skip to its end
            while (i + 1 < source.size() && source[i + 1] != '\n') ++i;
            continue;
        }
        if (c != ' ' && c != '\t') line_start = false;
        if (c == '/' && i + 1 < source.size() && source[i + 1] == '/') {
            while (i + 1 < source.size() && source[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < source.size() && source[i + 1] == '*') {
            for (i += 2; i + 1 < source.size() && !(source[i] == '*' && source[i + 1] == '/'); ++i)
                if (source[i] == '\n') ++line;
            ++i;
            continue;
        }
        if (c == '\'') {   // a character literal
            for (++i; i < source.size() && source[i] != '\''; ++i)
                if (source[i] == '\\') ++i;
            last_word.clear();
            continue;
        }
        if (c == '"') {
            Literal literal;
            literal.line = line;
            literal.callee = calls.empty() ? "" : calls.back();
            for (++i; i < source.size() && source[i] != '"'; ++i) {
                if (source[i] == '\\') literal.text += source[i++];
                literal.text += source[i];
            }
            out.push_back(std::move(literal));
            last_word.clear();
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            if (i == 0 || !(std::isalnum(static_cast<unsigned char>(source[i - 1])) || source[i - 1] == '_')) last_word.clear();
            last_word += c;
            continue;
        }
        if (c == '(') calls.push_back(last_word);
        else if (c == ')' && !calls.empty()) calls.pop_back();
        if (c != ' ' && c != '\t') last_word.clear();
    }
    return out;
}

// Calls whose string arguments are the catalogue's (looked up) or marked for it.
inline const std::set<std::string> catalogue_calls = {"tr", "trn", "N_"};
// Calls whose string arguments are IDs or code, never shown as text.
inline const std::set<std::string> id_calls = {
    "PushID", "BeginChild", "BeginTable", "InvisibleButton",   // ImGui IDs
    "starts_with", "ends_with", "find", "rfind",                // text tests, not text shown
    "read_symlink", "temp_directory_path",                      // paths
    "add_item",                                                 // kosim layout's item kinds and panel ids (JSON)
};
// The short allow-list: literals that are the same in every language or never shown.
inline const std::set<std::string> same_in_every_language = {
    "English", "한국어", "한국어 (Korean)", "English  한국어",   // each language's own name, on the switch
    "pid", "STILL_ACTIVE (259)",                               // Windows' names
    "expect ?", "expect deadlock",                             // the scenario language's own keywords
    "en", "ko", "builtin:", "error",                           // codes compared, never shown
    "kosim",                                                   // the program's name
    "kosim-native.exe", "kosim-gui-crosscheck-", "crosscheck", "--keep", "crosscheck.log", ".native.json",  // a command line
    "kosim-", "-step", ".png", "scenario",                     // the screenshot's file name
    ".kos",                                                    // a scenario file's extension (Save as)
    "step", "lang", "theme", "0123456789ABCDEF",                // the page's address: URL keys, percent-encoding
    " - step ",   // the page's title, "kosim - NAME - step N/M": one format in every language (docs/web.md)
    "; did you mean '",   // completes sim/scenario's diagnostics, which are in English like a compiler's
};

// An identifier as code writes it (HANDLE_FLAG_INHERIT, CloseHandle, usage_count, F5): a Win32 or
// kosim name, the same in every language. A plain word ("Open", "closed") is not one.
inline bool is_identifier(std::string_view text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
    bool marked = false;   // an underscore, a digit or a capital after the first letter
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (!(std::isalnum(c) || c == '_' || (c == '(' && text.substr(i) == "()"))) return false;
        if (c == '(') break;
        marked = marked || (i > 0 && (c == '_' || std::isdigit(c) || std::isupper(c)));
    }
    const bool all_upper = std::none_of(text.begin(), text.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    return marked || (all_upper && text.size() > 1);
}

// Literals that reach the screen without the catalogue, as "file:line: \"text\"".
inline bool bypasses_catalogue(const Literal& literal) {
    if (catalogue_calls.count(literal.callee) || id_calls.count(literal.callee)) return false;
    if (literal.text.starts_with("##")) return false;                       // an ImGui ID
    // Spaces and punctuation around a name do not make it text: " (pid ", ", usage_count ".
    std::string_view core = literal.text;
    auto edge = [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80); };
    while (!core.empty() && edge(core.front()) && core.front() != '(') core.remove_prefix(1);
    while (!core.empty() && edge(core.back()) && !core.ends_with("()")) core.remove_suffix(1);
    if (core.starts_with("(")) core.remove_prefix(1);
    if (same_in_every_language.count(literal.text) || same_in_every_language.count(std::string(core))) return false;
    if (is_identifier(core)) return false;
    if (literal.text.starts_with("Ctrl+") && literal.text.size() <= 6) return false;   // a key, as the keyboard says it
    // Text is letters (any script); formats, punctuation and numbers are not words to translate.
    bool has_letter = false;
    for (unsigned char c : literal.text) has_letter = has_letter || std::isalpha(c) || c >= 0x80;
    if (!has_letter) return false;
    // Format directives and escapes alone ("%s", "%zu", "\\x%02X", "0x%llX", "%.2g") are not words.
    std::string rest;
    for (std::size_t i = 0; i < literal.text.size(); ++i) {
        const char c = literal.text[i];
        if (c == '%' || c == '\\') {
            ++i;
            while (i < literal.text.size() && (std::isalnum(static_cast<unsigned char>(literal.text[i])) || literal.text[i] == '.')) ++i;
            --i;
            continue;
        }
        rest += c;
    }
    for (std::size_t at; (at = rest.find("0x")) != std::string::npos;) rest.erase(at, 2);   // a hex prefix
    bool word = false;
    for (unsigned char c : rest) word = word || std::isalpha(c) || c >= 0x80;
    if (!word) return false;
    return true;
}

}  // namespace kosim::i18n_test
