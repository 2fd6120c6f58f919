#!/usr/bin/env bash
# Prints a PATH prefix with Node.js >= 22.12. When the machine's node is older, Node 22 LTS is
# installed from the npm registry into .tools/node22 (once). Usage: export PATH="$(bash scripts/ensure-node.sh):$PATH"
set -euo pipefail
cd "$(dirname "$0")/.."
ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if command -v node >/dev/null && ok node; then dirname "$(command -v node)"; exit 0; fi
prefix="$PWD/.tools/node22"
if [ ! -x "$prefix/bin/node" ] || ! ok "$prefix/bin/node"; then
  echo "Installing Node.js 22 LTS into $prefix (the machine's node is older)…" >&2
  npm install -g --prefix "$prefix" node@22 >&2
fi
echo "$prefix/bin"
