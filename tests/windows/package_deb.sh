#!/usr/bin/env bash
# Builds the .deb with CPack from the build folder, then checks it as a user and Debian would:
# dpkg-deb --info lists its dependencies, lintian reports no error, and the installed layout
# (extracted, not installed) runs `kosim run 03` from another folder and finds kosim-native.exe
# for a cross-check under Wine. Usage: package_deb.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work"

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/kosim_*_amd64.deb)
echo "built $(basename "$deb")"

info=$(dpkg-deb --info "$deb")
echo "$info" | grep -E '^ (Package|Version|Architecture|Depends|Recommends):'
depends=$(echo "$info" | sed -n 's/^ Depends: //p')
for needed in libglfw3 libfontconfig1 libstdc++6 fonts-nanum; do
  case ", $depends," in
    *", $needed"[\ ,]*) ;;
    *) echo "Depends lacks $needed: $depends"; exit 1 ;;
  esac
done

# lintian exits non-zero on an error (E:); warnings are shown.
lintian --tag-display-limit 0 "$deb"
echo "lintian: no errors"

dpkg-deb -x "$deb" "$work/root"
cd "$work"   # any folder: the scenarios are compiled in
"$work/root/usr/bin/kosim" run 03 >"$work/run03.txt"
grep -q "expectation(s) passed, 0 failed" "$work/run03.txt" || { cat "$work/run03.txt"; exit 1; }
echo "usr/bin/kosim run 03: $(tail -1 "$work/run03.txt")"
"$work/root/usr/bin/kosim" crosscheck 01-handle-table-basics >"$work/crosscheck.txt" 2>&1 || { cat "$work/crosscheck.txt"; exit 1; }
grep -q "01-handle-table-basics: PASS" "$work/crosscheck.txt" || { cat "$work/crosscheck.txt"; exit 1; }
echo "usr/bin/kosim crosscheck ran usr/lib/kosim/kosim-native.exe: PASS"
