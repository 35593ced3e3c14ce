#!/bin/sh
# Usage: check_po.sh PO: msgfmt --check must pass and --statistics must count no untranslated
# and no fuzzy messages.
set -u
stats=$(msgfmt --check --statistics -o /dev/null "$1" 2>&1) || { echo "msgfmt --check failed:"; echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "FAIL: $1 has untranslated or fuzzy messages"; exit 1 ;;
  *"translated message"*) exit 0 ;;
  *) echo "FAIL: no statistics from msgfmt"; exit 1 ;;
esac
