// Catalogue lookups over the table generated from po/ko.po.
#include "describe/catalogue.h"

#include <string>
#include <unordered_map>

namespace kosim {

namespace generated {
extern const CatalogueEntry korean_entries[];
extern const std::size_t korean_entry_count;
}  // namespace generated

namespace {

const std::unordered_map<std::string_view, const char*>& korean_table() {
    static const auto table = [] {
        std::unordered_map<std::string_view, const char*> map;
        for (const CatalogueEntry& entry : korean_catalogue())
            if (*entry.msgstr) map.emplace(entry.msgid, entry.msgstr);
        return map;
    }();
    return table;
}

}  // namespace

std::span<const CatalogueEntry> korean_catalogue() {
    return {generated::korean_entries, generated::korean_entry_count};
}

bool parse_language(std::string_view text, Language& language) {
    if (text == "en") language = Language::English;
    else if (text == "ko") language = Language::Korean;
    else return false;
    return true;
}

const char* tr(Language language, const char* msgid) {
    if (language == Language::English) return msgid;
    const auto& table = korean_table();
    auto it = table.find(msgid);
    return it == table.end() ? msgid : it->second;
}

const char* trn(Language language, const char* singular, const char* plural, std::uint64_t n) {
    if (language == Language::English) return n == 1 ? singular : plural;
    const auto& table = korean_table();
    auto it = table.find(singular);
    return it == table.end() ? (n == 1 ? singular : plural) : it->second;
}

std::string fmt(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' && pattern[i + 1] <= '9' && pattern[i + 2] == '}') {
            const std::size_t index = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (index < args.size()) out += *(args.begin() + index);
            i += 2;
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace kosim
