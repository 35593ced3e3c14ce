#!/usr/bin/env bash
# Cross-checks every built-in scenario under Wine in a temporary prefix, headless, then shuts the
# prefix's wineserver down and removes it. Without SCENARIO arguments it also runs tests/native/scenarios, tests/conformance and 20 random scenarios. Usage: crosscheck_wine.sh KOSIM KOSIM-NATIVE.EXE [SCENARIO...]
set -euo pipefail
kosim=$1
native=$2
shift 2

prefix=$(mktemp -d "${TMPDIR:-/tmp}/kosim-wine.XXXXXX")
export WINEPREFIX=$prefix
export WINEARCH=win64
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono / Gecko install prompts
unset DISPLAY WAYLAND_DISPLAY                # no window, no display needed

cleanup() {
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1 || true
  WINEPREFIX=$prefix wineserver -w >/dev/null 2>&1 || true
  rm -rf "$prefix"
}
trap cleanup EXIT

echo "kosim: creating a Wine prefix in $prefix (first start takes a while)"
wineboot -i >/dev/null 2>&1 || wine wineboot -i >/dev/null 2>&1 || true
wineserver -w >/dev/null 2>&1 || true

if [ $# -gt 0 ]; then
  "$kosim" crosscheck --native "$native" "$@"
else
  # Every built-in, the regression scenarios of defects the cross-check found (tests/native/scenarios)
  # and the conformance corpus (tests/conformance).
  "$kosim" crosscheck --all --native "$native" "$(dirname "$0")"/scenarios/*.kos "$(dirname "$0")"/../conformance/*.kos
  # A small batch of generated scenarios (docs/crosscheck.md, "Random scenarios"): the same seeds on
  # every run, so a failure is reproducible from its seed; thousands are run by hand.
  "$kosim" crosscheck --random 20 --seed 1 --native "$native"
fi
