#!/usr/bin/env bash
# Runs a command under Node.js >= 22.12, installing Node 22 LTS into .tools/ first when the
# machine's node is older (see scripts/ensure-node.sh), so `npm start` / `npm test` work anywhere.
set -euo pipefail
bin="$(bash "$(dirname "$0")/ensure-node.sh")"
export PATH="$bin:$PATH"
exec "$@"
