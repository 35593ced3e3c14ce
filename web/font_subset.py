#!/usr/bin/env python3
"""The page's fonts cut down to the characters it shows (web/CMakeLists.txt runs this at build time,
with Debian's python3-fonttools): every character of the given text files (the catalogue po/ko.po,
the built-in scenarios, ui/ and sim/ sources), the 2,350 Hangul syllables and the jamo of KS X 1001
(the common set), ASCII, Latin-1, general punctuation, arrows, box drawing and geometric shapes.
Hangul outside the subset is drawn by the full Nanum fonts, fetched by the page only when a text
needs them (docs/web.md, "Fonts").
Usage: font_subset.py OUTPUT_DIR FONT.ttf... -- TEXT_FILE..."""
import os
import sys

from fontTools import subset


def ks_x_1001_hangul():
    """The KS X 1001 syllables (EUC-KR 0xB0A1..0xC8FE) and compatibility jamo (row 4, 0xA4A1..0xA4FE)."""
    characters = set()
    for lead in [0xA4] + list(range(0xB0, 0xC9)):
        for trail in range(0xA1, 0xFF):
            try:
                characters.update(bytes([lead, trail]).decode("euc_kr"))
            except UnicodeDecodeError:
                pass
    return characters


def characters_of(text_files):
    characters = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for first, last in [(0x2000, 0x206F), (0x2190, 0x21FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2713, 0x2717)]:
        characters |= set(range(first, last + 1))
    characters |= {ord(c) for c in ks_x_1001_hangul()}
    for name in text_files:
        with open(name, encoding="utf-8", errors="replace") as f:
            characters |= {ord(c) for c in f.read() if ord(c) >= 0x20}
    characters.discard(0xFFFD)   # from a byte that was not UTF-8
    return characters


def main():
    if "--" not in sys.argv or len(sys.argv) < 4:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    output_dir, fonts, text_files = sys.argv[1], sys.argv[2:split], sys.argv[split + 1:]
    unicodes = sorted(characters_of(text_files))
    # stb_truetype (ImGui's rasteriser) reads outlines and metrics only: no hinting, no layout tables.
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]   # copyright, names, version: the licence notice stays
    options.notdef_outline = True
    os.makedirs(output_dir, exist_ok=True)
    for font_path in fonts:
        font = subset.load_font(font_path, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        output = os.path.join(output_dir, os.path.basename(font_path))
        subset.save_font(font, output + ".tmp", options)
        os.replace(output + ".tmp", output)
        print(f"{os.path.basename(font_path)}: {os.path.getsize(font_path)} -> {os.path.getsize(output)} bytes "
              f"({len(font.getBestCmap())} characters)")


if __name__ == "__main__":
    main()
