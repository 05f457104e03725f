#!/usr/bin/env bash
# `npm run quickstart`: installs and builds svctl when that has not been done yet, starts the example
# HTTP API (examples/api.json) under the daemon (which starts in the background on first use), and
# lists it. `npm run quickstart -- FILE` starts FILE instead. SVCTL_HOME picks another home than
# ~/.svctl, as for every svctl command.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then
  npm ci # also builds (the prepare script)
elif [ ! -f packages/daemon/dist/svctld.mjs ] || [ ! -f packages/cli/dist/svctl.cjs ]; then
  npm run build --silent
fi
svctl() { node packages/cli/bin/svctl.cjs "$@"; }
svctl start "${1:-examples/api.json}"
svctl list
echo
if [ $# -eq 0 ]; then echo "The example API answers on http://127.0.0.1:3000/ (try: curl http://127.0.0.1:3000/)."; fi
echo "Next: npx svctl logs api, npx svctl describe api. Clean up: npx svctl delete all && npx svctl daemon stop"
