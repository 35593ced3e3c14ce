#!/usr/bin/env bash
# Builds the Windows zip with CPack from the mingw-w64 build and checks what a student unzips: the
# programs, the fallback fonts, the scenarios, the README and the licences; and that kosim.exe and
# kosim-native.exe import only Windows' own DLLs (no mingw runtime DLL to ship beside them).
# Usage: package_zip.sh WINDOWS_BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work"

cpack --config "$build/CPackConfig.cmake" -G ZIP -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
zip=$(ls "$work"/kosim-*-windows-x64.zip)
echo "built $(basename "$zip")"
cd "$work"
cmake -E tar xf "$zip"
top=$(basename "$zip" .zip)
for file in kosim.exe kosimw.exe kosim-native.exe kosim-record.exe kosim-hook.dll fonts/NanumGothic.ttf scenarios/03-worked-example.kos README.md \
            licences/glfw.txt licences/dear-imgui.txt licences/nanum-fonts.txt licences/mingw-w64-runtime.txt; do
  [ -s "$top/$file" ] || { echo "the zip lacks $file"; (cd "$top" && find . -type f | sort); exit 1; }
done
echo "the zip holds: $(cd "$top" && find . -type f | wc -l) files"

for exe in kosim.exe kosimw.exe kosim-native.exe kosim-record.exe kosim-hook.dll; do
  dlls=$(x86_64-w64-mingw32-objdump -p "$top/$exe" | sed -n 's/^\tDLL Name: //p' | tr 'A-Z' 'a-z' | sort | tr '\n' ' ')
  echo "$exe imports: $dlls"
  for dll in $dlls; do
    case $dll in
      kernel32.dll|user32.dll|gdi32.dll|shell32.dll|ole32.dll|imm32.dll|msvcrt.dll|ntdll.dll|advapi32.dll) ;;
      *) echo "$exe imports $dll, which is not part of Windows"; exit 1 ;;
    esac
  done
done
