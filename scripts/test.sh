#!/usr/bin/env bash
# Every test: set up and build if needed, then run the whole CTest suite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
cd "$here"
ctest --preset default "$@"
