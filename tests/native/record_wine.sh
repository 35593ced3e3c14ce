#!/usr/bin/env bash
# Records each of the lecture's programs (assets/programs) under Wine with `kosim record --kos`,
# which also runs the written scenario in the model and compares (no unexplained difference may
# remain), then checks each recording's handle tables at the lecture's points (record_check.py),
# and the misbehaving cases: a crash, a hang (the pipe bug), a file that is not a program.
# Usage: record_wine.sh KOSIM PROGRAMS_DIR
set -euo pipefail
kosim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
programs=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

prefix=$(mktemp -d "${TMPDIR:-/tmp}/kosim-wine.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/kosim-record.XXXXXX")
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1 || true
  WINEPREFIX=$prefix wineserver -w >/dev/null 2>&1 || true
  rm -rf "$prefix" "$work"
}
trap cleanup EXIT
echo "kosim: creating a Wine prefix in $prefix (first start takes a while)"
wineboot -i >/dev/null 2>&1 || wine wineboot -i >/dev/null 2>&1 || true
wineserver -w >/dev/null 2>&1 || true
cd "$work"

failures=0
record() {   # NAME EXPECTED_STATUS KOSIM-RECORD-ARGS...
  local name=$1 expected=$2
  shift 2
  echo "== $name"
  set +e
  "$kosim" record --out "$name.json" --kos "$name.kos" "$@" > "$name.log" 2>&1
  local status=$?
  set -e
  cat "$name.log"
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL: $name: kosim record exited $status, expected $expected"
    failures=$((failures + 1))
  fi
}

record inherit 0 -- "$programs/inherit_parent.exe"
record pipe_fixed 0 -- "$programs/pipe_parent_fixed.exe"
record pipe_bug 0 --timeout 8 -- "$programs/pipe_parent_bug.exe"
record mailslot 0 -- "$programs/mailslot_receiver.exe" --then -- "$programs/mailslot_sender.exe"
record named_pipe 0 -- "$programs/named_pipe_server.exe" --then -- "$programs/named_pipe_client.exe"
record environment 0 -- "$programs/env_parent.exe"
record crash 0 -- "$programs/crash_after_event.exe"
grep -q "crashed: access violation" crash.log || { echo "FAIL: no clear message for a program that crashed"; failures=$((failures + 1)); }
printf 'not a program\n' > not_a_program.exe
record not_a_program 2 -- "$work/not_a_program.exe"
grep -q "not a valid Windows program" not_a_program.log || { echo "FAIL: no clear message for a file that is not a program"; failures=$((failures + 1)); }
set +e
"$kosim" record -- "$work/missing.exe" > missing.log 2>&1
status=$?
set -e
cat missing.log
if [ "$status" -ne 2 ] || ! grep -q "no such program" missing.log; then
  echo "FAIL: a missing program must say so (exit 2)"
  failures=$((failures + 1))
fi

python3 "$here/record_check.py" "$work" || failures=$((failures + 1))
echo "record tests: $failures failure(s)"
[ "$failures" -eq 0 ]
