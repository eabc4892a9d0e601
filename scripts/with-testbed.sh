#!/usr/bin/env bash
# Runs CMD against a fresh local test bed and always stops the bed afterwards; exits with CMD's status.
#   scripts/with-testbed.sh CMD [ARGS...]
# The bed uses PORT_OFFSET 1000 (Prometheus :10090, etcd :3379/:23379/:13379) so it never collides with a
# developer's bed at the default ports. Exports TESTBED_PROM_URL, TESTBED_ETCD_ENDPOINTS (comma list of URLs),
# TESTBED_DIR, TESTBED_PORT_OFFSET. Env: TESTBED_PORT_OFFSET (default 1000), TESTBED_LOAD_PUTS (default 300).
# Nested use (TESTBED_PROM_URL already set by an outer with-testbed.sh) just runs CMD.
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/with-testbed.sh CMD [ARGS...]" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${TESTBED_PROM_URL:-}" ] && [ -n "${TESTBED_DIR:-}" ]; then exec "$@"; fi

OFF=${TESTBED_PORT_OFFSET:-1000}
export PORT_OFFSET=$OFF
export BED=${TMPDIR:-/tmp}/etcd-analyzer-testbed-$OFF
# One bed per offset at a time: a second caller waits instead of fighting over the ports. Children get `9>&-` so
# a daemon they start never inherits (and holds) the lock.
exec 9>"${TMPDIR:-/tmp}/etcd-analyzer-testbed-$OFF.lock"
flock -w 1200 9 || { echo "ERROR: another test bed run holds offset $OFF for 20 min" >&2; exit 3; }

bash "$ROOT/scripts/testbed/install.sh" >/dev/null 9>&- || exit 3

trickle=""
stop_bed() { [ -n "$trickle" ] && { kill "$trickle" 2>/dev/null; wait "$trickle" 2>/dev/null; }; WIPE=1 bash "$ROOT/scripts/testbed/down.sh" >/dev/null 2>&1 9>&- || true; }
trap stop_bed EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
stop_bed   # leftovers of a crashed run: start from empty data

log=$BED.log
if ! bash "$ROOT/scripts/testbed/up.sh" >"$log" 2>&1 9>&-; then
  echo "ERROR: test bed did not start (log: $log):" >&2; tail -5 "$log" >&2; exit 3
fi
# shellcheck disable=SC1091
. "$BED/env"
bash "$ROOT/scripts/testbed/load.sh" "${TESTBED_LOAD_PUTS:-300}" 1024 >>"$log" 2>&1 9>&- || echo "warning: some load puts failed (see $log)" >&2

# Wait for a scrape that saw the load on all three members (rates and quantiles need two samples around it).
q='count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[1m]) > 0)'
ready=0
for _ in $(seq 1 60); do
  if curl -s --max-time 3 "$PROM_URL/api/v1/query" --data-urlencode "query=$q" | grep -q '"3"\]'; then ready=1; break; fi
  sleep 1
done
[ $ready = 1 ] || echo "warning: Prometheus has not scraped the load on every member yet" >&2

# A light trickle of writes while CMD runs (a healthy cluster under light load): a window with no write has no
# fsync/commit quantile (NaN → "no data"). Bounded: one put every 2 s for at most an hour; stopped with the bed.
# Each step runs in the background and is waited for, so TERM stops the step in flight too (no stray etcdctl/sleep).
( trap 'kill $! 2>/dev/null; exit 0' TERM
  for _ in $(seq 1 1800); do
    ETCDCTL_API=3 etcdctl --endpoints="$ETCDCTL_ENDPOINTS" --command-timeout=3s put trickle/k "$(date +%s)" >/dev/null 2>&1 &
    wait $!
    sleep 2 &
    wait $!
  done ) 9>&- &
trickle=$!

export TESTBED_PROM_URL=$PROM_URL TESTBED_ETCD_ENDPOINTS=$ETCD_ENDPOINTS TESTBED_DIR=$BED TESTBED_PORT_OFFSET=$OFF
echo "test bed ready: $PROM_URL, etcd $ETCD_ENDPOINTS (dir $BED)" >&2
"$@" 9>&-
code=$?
exit $code
