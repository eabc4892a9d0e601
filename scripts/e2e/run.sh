#!/usr/bin/env bash
# npm run test:e2e — the extension's e2e suite in a real VS Code (code-server 4.139.1 = VS Code 1.139.1, headless
# chromium via playwright-core) against the project's own test bed. Exit code = the suite's result.
#   1. install the editor runtime when missing (scripts/e2e/install.sh, cached in $E2E_CACHE)
#   2. build the extension, bundle test/e2e/*.ts into out/e2e/
#   3. start a test bed (scripts/with-testbed.sh), write workspace settings pointing at it
#   4. start code-server on a free 127.0.0.1 port with its own user-data-dir, drive the workbench so the extension
#      host runs out/e2e/index.js, then stop code-server by process group (and the bed via with-testbed.sh)
# Env: E2E_CACHE, E2E_TIMEOUT_SECONDS (default 420), E2E_KEEP_STATE=1 keeps the user-data-dir/logs,
# E2E_TESTBED_PORT_OFFSET (default 3000).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/e2e"; . "$HERE/env.sh"
cd "$ROOT"

if [ -z "${TESTBED_PROM_URL:-}" ] || [ -z "${TESTBED_DIR:-}" ]; then
  bash "$HERE/install.sh"
  node esbuild.config.mjs
  node "$HERE/bundle-tests.mjs"
  # Own port offset (Prometheus :12090, etcd :5379/:25379/:15379): never waits on, or collides with, the
  # integration tests' bed (offset 1000), the fault tests' (2000) or a developer's (0).
  export TESTBED_PORT_OFFSET="${E2E_TESTBED_PORT_OFFSET:-3000}"
  exec bash "$ROOT/scripts/with-testbed.sh" bash "$0" "$@"
fi

# Inside the test bed from here on.
STATE="$(mktemp -d "${TMPDIR:-/tmp}/etcd-analyzer-e2e.XXXXXX")"
WS="$STATE/workspace"; mkdir -p "$WS/.vscode" "$STATE/ud" "$STATE/exts" "$E2E_XDG_CONFIG" "$E2E_XDG_DATA"
export E2E_RESULTS="$STATE/results.json"
node -e '
  const [url, eps, file] = process.argv.slice(1);
  const s = {
    "etcdAnalyzer.prometheus.url": url,
    "etcdAnalyzer.etcdSelector": "job=\"etcd\"",
    "etcdAnalyzer.nodeSelector": "job=\"node\"",
    "etcdAnalyzer.etcdEndpoints": eps.split(",").filter(Boolean),
    "etcdAnalyzer.defaultDuration": "15m",
    "etcdAnalyzer.refreshIntervalSeconds": 600,
    "etcdAnalyzer.lm.provider": "vscode",
    "chat.tools.global.autoApprove": true
  };
  require("fs").writeFileSync(file, JSON.stringify(s, null, 2));
' "$TESTBED_PROM_URL" "${TESTBED_ETCD_ENDPOINTS:-}" "$WS/.vscode/settings.json"

# The test-only scripted language model (a test double) is installed as a normal extension: the workbench loads only
# one extensionDevelopmentPath, and a model must exist for the Chat view to send requests to @etcd.
cp -r "$ROOT/test/e2e/lm-double" "$STATE/exts/etcd-analyzer-test.lm-double-0.0.1"
# An empty extension: its ext.activate() time is the editor's own cost of activating any extension (activation.ts).
cp -r "$ROOT/test/e2e/activation-baseline" "$STATE/exts/etcd-analyzer-test.activation-baseline-0.0.1"

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
CS_PID=""
cleanup() {
  if [ -n "$CS_PID" ]; then kill -TERM -- "-$CS_PID" 2>/dev/null || true; sleep 1; kill -KILL -- "-$CS_PID" 2>/dev/null || true; fi
  if [ "${E2E_KEEP_STATE:-0}" = 1 ]; then echo "e2e state kept in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT

# setsid: code-server and its extension hosts get their own process group, stopped as one in cleanup().
PATH="$NODE24/bin:$PATH" XDG_CONFIG_HOME="$E2E_XDG_CONFIG" XDG_DATA_HOME="$E2E_XDG_DATA" \
  setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$STATE/ud" --extensions-dir "$STATE/exts" \
  --vscode-option enable-smoke-test-driver "$WS" >"$STATE/code-server.log" 2>&1 &
CS_PID=$!
for i in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { echo "code-server exited:"; cat "$STATE/code-server.log"; exit 1; }
  sleep 0.2
done
echo "code-server (pid group $CS_PID) on 127.0.0.1:$PORT; test bed $TESTBED_PROM_URL"

rc=0
node "$HERE/drive-tests.cjs" "http://127.0.0.1:$PORT" "$WS" "$ROOT" "$ROOT/out/e2e/index.js" "${E2E_TIMEOUT_SECONDS:-420}" "$CHROMIUM" || rc=$?
if [ -f "$E2E_RESULTS" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const t of r.results) console.log(`${t.state === "passed" ? "  ok  " : "  FAIL"} ${t.title}${t.err ? "\n        " + t.err : ""}`);
    for (const l of r.notes ?? []) console.log("  note: " + l);
    console.log(`${r.passed} passed, ${r.failed} failed`);
  ' "$E2E_RESULTS"
else
  echo "no results file: the suite did not run"; rc=1
fi
# Screenshots for reviewers (dashboard light + dark, report panel) in the same editor, after the suite.
if [ $rc = 0 ]; then
  mkdir -p "$ROOT/test-results/screenshots"
  node "$HERE/screenshots.cjs" "http://127.0.0.1:$PORT" "$WS" "$ROOT" "$ROOT/test-results/screenshots" "$CHROMIUM" \
    || node "$HERE/screenshots.cjs" "http://127.0.0.1:$PORT" "$WS" "$ROOT" "$ROOT/test-results/screenshots" "$CHROMIUM" \
    || { echo "screenshots FAILED (twice)"; rc=1; }
fi
[ $rc = 0 ] || { E2E_KEEP_STATE=1; echo "extension host logs: $STATE/ud/logs"; }
exit $rc
