#!/usr/bin/env bash
# One Wine session for the whole test run: a prefix (a fresh one takes 10-13 s to create), its
# wineserver kept running, and an Xvfb display. The display must exist before the first Windows
# program starts: Wine's desktop (explorer.exe) picks its graphics driver once, and a desktop started
# without a display leaves every later window, even a hidden one, unable to open.
# Usage: wine_session.sh start DIR | stop DIR | run DIR COMMAND...
set -euo pipefail
action=$1
dir=$2
shift 2
export WINEPREFIX=$dir/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono / Gecko install prompts
unset WAYLAND_DISPLAY

stop() {
  [ -d "$dir" ] || return 0
  if [ -d "$WINEPREFIX" ]; then
    wineserver -k >/dev/null 2>&1 || true
    wineserver -w >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/xvfb.pid" ]; then kill "$(cat "$dir/xvfb.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
}

case $action in
  start)
    stop   # what an interrupted run left
    mkdir -p "$dir"
    # Xvfb picks a free display and writes its number once it accepts connections. Its own session
    # (setsid): CTest ends the start test's process group when the test ends. Its output is not the
    # test's: CTest waits until every holder of a test's pipes has exited.
    exec 3>"$dir/display"
    setsid Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp </dev/null >"$dir/xvfb.log" 2>&1 &
    echo $! >"$dir/xvfb.pid"
    exec 3>&-
    for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
    [ -s "$dir/display" ] || { echo "Xvfb did not start:"; cat "$dir/xvfb.log"; exit 1; }
    export DISPLAY=:$(tr -d '\n' <"$dir/display")
    wineboot -i </dev/null >/dev/null 2>&1 || true
    wineserver -w
    [ -f "$WINEPREFIX/system.reg" ] || { echo "wineboot did not create the prefix $WINEPREFIX"; exit 1; }
    # Persistent: each test's wine starts against a running server instead of starting one.
    wineserver -p </dev/null >/dev/null 2>&1
    # Start Wine's services (services.exe, winedevice.exe, explorer.exe) now, detached: the first
    # program of a session starts them, and they would keep that test's output pipes open.
    wine cmd /c exit </dev/null >/dev/null 2>&1
    echo "Wine session ready: prefix $WINEPREFIX, display $DISPLAY, $(wine --version)"
    ;;
  run)
    [ -s "$dir/display" ] || { echo "no Wine session in $dir (the start fixture did not run)"; exit 1; }
    export DISPLAY=:$(tr -d '\n' <"$dir/display")
    exec "$@"
    ;;
  stop) stop ;;
  *) echo "usage: $0 start DIR | stop DIR | run DIR COMMAND..." >&2; exit 2 ;;
esac
