#!/usr/bin/env bash
# The main job: set up and build if needed, then open kosim on the default built-in scenario.
# Extra arguments go to kosim (for example: scripts/run.sh run pseudo-handles).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
exec "$here/build/kosim" "$@"
