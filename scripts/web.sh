#!/usr/bin/env bash
# The web page: installs what is missing (scripts/setup.sh's packages, emscripten among them), then
# builds build-web/web/page/ (index.html, kosim.js, kosim.wasm, kosim.data, fonts/) with Debian's emscripten.
# Usage: scripts/web.sh            build the page
#        scripts/web.sh serve [PORT]   build, then serve it on http://127.0.0.1:PORT/ (8000)
# Publishing: copy build-web/web/page/ to any static host (see README, "kosim in the browser").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KOSIM_SETUP_NO_BUILD=1 "$here/scripts/setup.sh"
cd "$here"
# Only the page: no tests, benchmarks, native runner or Windows build in this tree.
cmake -S . -B build-web -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOSIM_BUILD_TESTS=OFF -DKOSIM_BUILD_BENCH=OFF \
  -DKOSIM_BUILD_NATIVE=OFF -DKOSIM_BUILD_WINDOWS=OFF -DKOSIM_SANITIZED_TESTS=OFF -DKOSIM_BUILD_WEB=ON >/dev/null
cmake --build build-web --target kosim_web
page=build-web/web/page
echo "kosim: the page is in $page/ ($(du -sh "$page" | cut -f1)); copy that folder to any static web host"
if [ "${1:-}" = "serve" ]; then
  echo "kosim: serving $page/ (Ctrl+C stops); open the address below, e.g. with ?scenario=02-creation-vs-inheritance&step=4&lang=ko"
  exec python3 web/serve.py "$page" "${2:-8000}"
fi
