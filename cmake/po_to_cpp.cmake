# Compiles a gettext .po file into a C++ table (kosim::generated::korean_entries), at build time
# and with CMake alone (no Python or gettext needed to build, on any platform).
# Usage: cmake -DINPUT=po/ko.po -DOUTPUT=catalogue_ko.cpp -P cmake/po_to_cpp.cmake
# Fuzzy and untranslated entries are left out (the msgid is shown instead), as msgfmt does. The
# .po's escapes are C escapes already, so strings are copied into C++ literals unchanged; for a
# plural entry only msgstr[0] is kept (Korean has one form).
cmake_policy(VERSION 3.25)   # quoted if() arguments are strings (CMP0054)
file(READ ${INPUT} text)
# One list element per line: protect what CMake lists would split on first.
string(REPLACE ";" "<kosim:semicolon>" text "${text}")
string(REPLACE "[" "<kosim:open>" text "${text}")
string(REPLACE "]" "<kosim:close>" text "${text}")
string(REPLACE "\r" "" text "${text}")
string(REPLACE "\n" ";" lines "${text}")

set(entries "")
set(count 0)
set(field "")
set(fuzzy OFF)
set(msgid "")
set(msgid_plural "")
set(msgstr "")
set(have_msgstr OFF)

macro(flush_entry)
  if(have_msgstr AND NOT msgid STREQUAL "" AND NOT fuzzy AND NOT msgstr STREQUAL "")
    string(APPEND entries "    {\"${msgid}\", \"${msgid_plural}\", \"${msgstr}\"},\n")
    math(EXPR count "${count} + 1")
  endif()
  set(msgid "")
  set(msgid_plural "")
  set(msgstr "")
  set(have_msgstr OFF)
  set(fuzzy OFF)
  set(field "")
endmacro()

set(number 0)
foreach(line IN LISTS lines)
  math(EXPR number "${number} + 1")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  if(line MATCHES "^#")
    if(have_msgstr)       # a comment opens the next entry
      flush_entry()
    endif()
    if(line MATCHES "^#,.*fuzzy")
      set(fuzzy ON)
    endif()
    continue()
  endif()
  if(line MATCHES "^\"(.*)\"$")
    set(part "${CMAKE_MATCH_1}")
    if(field STREQUAL "msgid")
      string(APPEND msgid "${part}")
    elseif(field STREQUAL "msgid_plural")
      string(APPEND msgid_plural "${part}")
    elseif(field STREQUAL "msgstr")
      string(APPEND msgstr "${part}")
    elseif(field STREQUAL "")
      message(FATAL_ERROR "${INPUT}:${number}: a string continues no field")
    endif()
    continue()
  endif()
  if(NOT line MATCHES "^([a-z_]+(<kosim:open>[0-9]+<kosim:close>)?) +\"(.*)\"$")
    message(FATAL_ERROR "${INPUT}:${number}: cannot read '${line}'")
  endif()
  set(keyword "${CMAKE_MATCH_1}")
  set(value "${CMAKE_MATCH_3}")
  if(keyword STREQUAL "msgctxt" OR keyword STREQUAL "msgid")
    if(have_msgstr)       # no comment between the entries: this one starts here, not fuzzy
      flush_entry()
    endif()
    set(field "${keyword}")
    if(keyword STREQUAL "msgid")
      set(msgid "${value}")
    endif()
  elseif(keyword STREQUAL "msgid_plural")
    set(field msgid_plural)
    set(msgid_plural "${value}")
  elseif(keyword STREQUAL "msgstr" OR keyword STREQUAL "msgstr<kosim:open>0<kosim:close>")
    set(field msgstr)
    set(msgstr "${value}")
    set(have_msgstr ON)
  elseif(keyword MATCHES "^msgstr<kosim:open>")
    set(field other_plural_form)
  else()
    message(FATAL_ERROR "${INPUT}:${number}: unknown keyword '${keyword}'")
  endif()
endforeach()
flush_entry()

string(REPLACE "<kosim:semicolon>" ";" entries "${entries}")
string(REPLACE "<kosim:open>" "[" entries "${entries}")
string(REPLACE "<kosim:close>" "]" entries "${entries}")
get_filename_component(name ${INPUT} NAME)
set(source "// Generated from ${name} by cmake/po_to_cpp.cmake: do not edit.
#include \"describe/catalogue.h\"

namespace kosim::generated {
extern const CatalogueEntry korean_entries[];
extern const std::size_t korean_entry_count;
const CatalogueEntry korean_entries[] = {
${entries}    {\"\", \"\", \"\"},
};
const std::size_t korean_entry_count = ${count};
}  // namespace kosim::generated
")
# Rewritten only when it changes, so an unchanged catalogue recompiles nothing.
file(WRITE ${OUTPUT}.new "${source}")
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.new)
