#!/usr/bin/env bash
# `npm test`: system prerequisites (scripts/prereqs.sh), then type check, build, unit tests, the bad-input suite,
# the serve face (on its own test bed), integration tests (against a fresh local test bed), the fault-injection
# suite (real faults on fresh local clusters, about 20 minutes), then e2e (real editor) when its harness exists. Every stage runs even if an earlier one failed;
# the last line is "N passed, N failed" summed over the stages (test counts where the runner prints them, else 1 per
# stage).
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0; summary=()
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# stage NAME CMD...: runs CMD with its output shown, then adds its counts.
stage() {
  local name=$1; shift
  local log="$tmp/$name.log" t0=$SECONDS
  echo "━━━ $name: $*"
  "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  # node:test spec reporter: "ℹ pass N" / "ℹ fail N"; mocha: "N passing" / "N failing"; else "N passed, N failed".
  local p f
  p=$(grep -aoE '(ℹ pass [0-9]+|[0-9]+ passing)' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END{if(NR) print s}')
  f=$(grep -aoE '(ℹ fail [0-9]+|[0-9]+ failing)' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END{if(NR) print s}')
  if [ -z "$p$f" ]; then   # harnesses that print their own "N passed, N failed" (e2e): the last such line
    local last
    last=$(grep -aoE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    [ -n "$last" ] && { p=${last%% passed*}; f=${last#*, }; f=${f%% failed}; }
  fi
  if [ -z "$p$f" ]; then
    if [ "$code" = 0 ]; then p=1; f=0; else p=0; f=1; fi
  fi
  p=${p:-0}; f=${f:-0}
  [ "$code" != 0 ] && [ "$f" = 0 ] && f=1   # a crashed runner is a failure even without a count
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$(printf '%-12s %s  (%s passed, %s failed, %ss)' "$name" "$([ "$code" = 0 ] && echo ok || echo FAILED)" "$p" "$f" $((SECONDS - t0)))")
}

# System packages (chromium, the etcd/Prometheus packages, build tools…) before the first stage that needs them:
# installed when run as root, else the one apt-get command is printed and the run stops here.
if ! bash scripts/prereqs.sh; then
  echo "━━━ summary"
  echo "prerequisites missing (see above): no stage was run"
  echo "0 passed, 1 failed"
  exit 1
fi

stage typecheck npx tsc -p . --noEmit
stage build node esbuild.config.mjs
stage unit node --import tsx --test --test-reporter=spec test/unit/*.test.ts
# Bad inputs against an in-process fake Prometheus through the CLI, both MCP transports and the report renderer.
stage badinput node --import tsx --test --test-concurrency=1 --test-reporter=spec test/badinput/*.test.ts
stage browser node --import tsx --test --test-concurrency=1 --test-reporter=spec test/browser/*.test.ts
# `etcd-analyzer serve` (REST, OpenAPI, /metrics scraped by the bed's Prometheus, in-cluster config) on its own bed.
stage serve env TESTBED_PORT_OFFSET=7000 bash scripts/with-testbed.sh node --import tsx --test --test-concurrency=1 --test-reporter=spec test/serve/*.test.ts
stage integration bash scripts/with-testbed.sh node --import tsx --test --test-concurrency=1 --test-reporter=spec test/integration/*.test.ts
stage faults npm run --silent test:faults
# The browser UI of `etcd-analyzer serve` (pages, chat, history) in headless Chromium against its own test bed
# (offset 8700: 8000 is the bench's backfill Prometheus, which may still be up).
stage serveui env TESTBED_PORT_OFFSET="${SERVEUI_TESTBED_PORT_OFFSET:-8700}" bash scripts/with-testbed.sh node --import tsx --test --test-concurrency=1 --test-reporter=spec test/serveui/*.test.ts
if [ -f scripts/e2e/run.sh ]; then stage e2e npm run --silent test:e2e; fi

echo "━━━ summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
