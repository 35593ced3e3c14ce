#!/usr/bin/env bash
# Installs the Debian packages kosim needs (only the missing ones), then configures and builds.
# Usage: scripts/setup.sh   (called by scripts/run.sh and scripts/test.sh; safe to run again)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  g++ cmake ninja-build pkg-config python3
  libimgui-dev libglfw3-dev python3-glad libstb-dev libfontconfig-dev fonts-nanum fonts-dejavu-core
  doctest-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  g++-mingw-w64-x86-64-posix wine wine64
  xvfb xauth gettext
  clang-14 libclang-rt-14-dev
  dpkg-dev xz-utils lintian
  emscripten chromium nodejs python3-fonttools
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
update_needed=0

# kosim.exe (windows/) compiles GLFW and Dear ImGui from Debian's source packages (apt-get source):
# that needs a deb-src entry for the release's main, written in the layout the machine already uses.
if ! apt-cache showsrc imgui 2>/dev/null | grep -q '^Package: imgui'; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  echo "kosim setup: adding deb-src for $codename main (apt-get source glfw3 imgui for the Windows build)"
  if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$codename" | $sudo tee /etc/apt/sources.list.d/kosim-src.sources >/dev/null
  else
    echo "deb-src http://deb.debian.org/debian $codename main" | $sudo tee /etc/apt/sources.list.d/kosim-src.list >/dev/null
  fi
  update_needed=1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] || [ $update_needed -eq 1 ]; then
  $sudo apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "kosim setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# scripts/web.sh needs the packages only; it builds its own tree (build-web/).
if [ "${KOSIM_SETUP_NO_BUILD:-0}" = "1" ]; then exit 0; fi

cd "$here"
cmake --preset default >/dev/null
cmake --build --preset default
