#!/usr/bin/env python3
"""Compiles a gettext .po file into a C++ table (kosim::generated::korean_entries).

Usage: po_to_cpp.py INPUT.po OUTPUT.cpp
Fuzzy and untranslated entries are left out (the msgid is shown instead), as msgfmt does.
The .po's escapes are C escapes already, so strings are copied into C++ literals unchanged.
"""
import sys


def parse(path):
    entries, current, field, fuzzy = [], {}, None, False

    def flush():
        nonlocal current, fuzzy
        if "msgid" in current and current["msgid"] and not fuzzy:
            entries.append(current)
        current, fuzzy = {}, False

    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                flush()
                field = None
                continue
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                if field is None:
                    sys.exit(f"{path}:{number}: a string continues no field")
                current[field] += line[1:-1]
                continue
            keyword, _, rest = line.partition(" ")
            rest = rest.strip()
            if not rest.startswith('"'):
                sys.exit(f"{path}:{number}: cannot read '{line}'")
            if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]"):
                field = "msgstr" if keyword == "msgstr[0]" else keyword
            elif keyword.startswith("msgstr["):
                field = "other_plural_forms"
            else:
                sys.exit(f"{path}:{number}: cannot read '{line}'")
            current[field] = rest[1:-1]
    flush()
    return entries


def main():
    source, output = sys.argv[1], sys.argv[2]
    entries = parse(source)
    lines = [
        f"// Generated from {source.split('/')[-1]} by cmake/po_to_cpp.py: do not edit.",
        '#include "describe/catalogue.h"',
        "",
        "namespace kosim::generated {",
        "extern const CatalogueEntry korean_entries[];",
        "extern const std::size_t korean_entry_count;",
        "const CatalogueEntry korean_entries[] = {",
    ]
    for e in entries:
        lines.append(f'    {{"{e["msgid"]}", "{e.get("msgid_plural", "")}", "{e.get("msgstr", "")}"}},')
    lines.append('    {"", "", ""},')
    lines.append("};")
    lines.append(f"const std::size_t korean_entry_count = {len(entries)};")
    lines.append("}  // namespace kosim::generated")
    text = "\n".join(lines) + "\n"
    try:
        with open(output, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


main()
