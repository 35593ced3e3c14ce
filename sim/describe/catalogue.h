// The one message catalogue: every user-visible string is an English msgid looked up here.
// po/ko.po (gettext) is compiled into a table at build time (cmake/po_to_cpp.cmake), so the whole
// interface switches language at once and translators keep their usual .po tools.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace kosim {

enum class Language : std::uint8_t { English, Korean };

// "en" -> English, "ko" -> Korean; false for anything else.
bool parse_language(std::string_view text, Language& language);

// The msgid in the language asked for (the msgid itself in English or when untranslated).
// xgettext extracts these calls with --keyword=tr:2.
const char* tr(Language language, const char* msgid);
// gettext's ngettext: English picks by n; Korean has one form (nplurals=1). --keyword=trn:2,3.
const char* trn(Language language, const char* singular, const char* plural, std::uint64_t n);
// Marks a msgid for extraction where the lookup happens later (tables of names). --keyword=N_.
constexpr const char* N_(const char* msgid) { return msgid; }

// Replaces {0}, {1}, ... in a translated pattern, so each language orders the words its way.
std::string fmt(std::string_view pattern, std::initializer_list<std::string_view> args);

// The compiled Korean table, for tests: msgid (the singular for plurals), msgid_plural, msgstr.
struct CatalogueEntry {
    const char* msgid;
    const char* msgid_plural;   // "" unless a plural entry
    const char* msgstr;
};
std::span<const CatalogueEntry> korean_catalogue();

}  // namespace kosim
