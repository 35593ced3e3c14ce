#!/bin/sh
# Regenerates po/kosim.pot from the sources (every tr/trn/N_ call) and merges it into po/ko.po.
# Usage: po/update.sh [OUTPUT.pot]   (the i18n test writes a fresh .pot elsewhere and compares)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/po/kosim.pot}
cd "$root"
# The sources whose strings users see: the describer, the GUI and the command line.
files=$(find sim/describe ui cli -name '*.cpp' | LC_ALL=C sort)
xgettext --from-code=UTF-8 --language=C++ --keyword= --keyword=tr:2 --keyword=trn:2,3 --keyword=N_ \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file --package-name=kosim \
  --msgid-bugs-address="" --copyright-holder="" -o "$out.tmp" $files
# The creation date changes on every run; it says nothing about the messages.
sed -e '/^"POT-Creation-Date:/d' -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"/"Content-Type: text\/plain; charset=UTF-8\\n"/' "$out.tmp" > "$out"
rm -f "$out.tmp"
if [ $# -eq 0 ]; then
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --add-location=file --sort-by-file po/ko.po po/kosim.pot
fi
