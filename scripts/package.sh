#!/usr/bin/env bash
# Release packages into build/packages/: kosim_<version>_amd64.deb (Debian 12) and
# kosim-<version>-windows-x64.zip (kosim.exe cross-built with mingw-w64). Sets up and builds first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
cd "$here/build"
cpack --config CPackConfig.cmake -G DEB -B "$here/build/packages"
if [ -f windows/kosim/CPackConfig.cmake ]; then
  cpack --config windows/kosim/CPackConfig.cmake -G ZIP -B "$here/build/packages"
else
  echo "kosim package: no Windows build (needs g++-mingw-w64-x86-64-posix); the zip was not made" >&2
fi
rm -rf "$here/build/packages/_CPack_Packages"
ls -l "$here"/build/packages/*.deb "$here"/build/packages/*.zip 2>/dev/null || true
