#!/usr/bin/env bash
# Runs one kosim command with the Linux build and with kosim.exe under Wine: both must exit 0 and print
# the same standard output (line endings aside). Usage: same_output.sh KOSIM KOSIM.EXE ARGUMENT...
set -uo pipefail
linux=$1
windows=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$linux" "$@" >"$work/linux.out" 2>"$work/linux.err"
linux_rc=$?
wine "$windows" "$@" >"$work/windows.raw" 2>"$work/windows.err"
windows_rc=$?
tr -d '\r' <"$work/windows.raw" >"$work/windows.out"

echo "kosim $*: Linux exit $linux_rc, kosim.exe under Wine exit $windows_rc, $(wc -l <"$work/linux.out") lines"
status=0
if [ $linux_rc -ne 0 ] || [ $windows_rc -ne 0 ]; then
  echo "expected exit 0 from both"
  echo "--- Linux stderr"; cat "$work/linux.err"
  echo "--- kosim.exe stderr"; cat "$work/windows.err"
  status=1
fi
if ! diff -u --label linux "$work/linux.out" --label kosim.exe "$work/windows.out"; then
  echo "kosim.exe's output differs from the Linux build's"
  status=1
fi
[ -s "$work/linux.out" ] || { echo "no output at all"; status=1; }
exit $status
