#!/bin/sh
# Usage: check_pot.sh SOURCE_DIR FRESH_POT: extracts the msgids again (po/update.sh FRESH_POT) and
# fails when po/kosim.pot differs (run po/update.sh and translate) or po/ko.po lacks or keeps extra ones.
set -u
root=$1 fresh=$2
sh "$root/po/update.sh" "$fresh" 2>/dev/null || { echo "FAIL: xgettext failed"; exit 1; }
# Compared through msgcat, so only messages count (not line wrapping or another gettext's layout).
norm() { msgcat --no-wrap --no-location --sort-output "$1"; }
norm "$root/po/kosim.pot" > "$fresh.committed"; norm "$fresh" > "$fresh.extracted"
if ! diff -u "$fresh.committed" "$fresh.extracted"; then
  echo "FAIL: po/kosim.pot is out of date: run po/update.sh, then translate the new messages in po/ko.po"
  exit 1
fi
ids() { msgcat --no-wrap --no-location "$1" | sed -n 's/^msgid "\(.*\)"$/\1/p' | LC_ALL=C sort; }
if [ "$(ids "$root/po/kosim.pot")" != "$(ids "$root/po/ko.po")" ]; then
  echo "FAIL: po/ko.po and po/kosim.pot hold different msgids (run po/update.sh):"
  ids "$root/po/kosim.pot" > "$fresh.ids"; ids "$root/po/ko.po" | diff "$fresh.ids" - ; exit 1
fi
echo "po/kosim.pot is up to date; po/ko.po has the same $(ids "$root/po/kosim.pot" | wc -l) msgids"
