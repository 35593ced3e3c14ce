#!/usr/bin/env bash
# Installs the Debian packages kosim needs (only the missing ones), then configures and builds.
# Usage: scripts/setup.sh   (called by scripts/run.sh and scripts/test.sh; safe to run again)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  g++ cmake ninja-build pkg-config python3
  libimgui-dev libglfw3-dev python3-glad libstb-dev libfontconfig-dev fonts-nanum
  doctest-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  g++-mingw-w64-x86-64-posix wine wine64
  xvfb xauth gettext
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kosim setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
cmake --preset default >/dev/null
cmake --build --preset default
