#!/usr/bin/env bash
# Bounded write load on the test bed with etcdctl: PUTS puts of VALUE_BYTES each, spread over PARALLEL writers.
#   load.sh [PUTS=300] [VALUE_BYTES=1024]
# Env: PORT_OFFSET / BED as for up.sh; PARALLEL (default 4); LOAD_ENDPOINTS (host:port list; default all members);
#      KEY_PREFIX (default load/). Keys repeat per writer (load/<writer>/<i % 100>) so the DB grows by revisions.
# Exit status: 0 when every put succeeded, 1 otherwise (the count of failures is printed; NOSPACE is a failure).
set -uo pipefail
OFF=${PORT_OFFSET:-0}
BED=${BED:-/tmp/etcd-analyzer-bed-$OFF}
PUTS=${1:-300}
VALUE_BYTES=${2:-1024}
PARALLEL=${PARALLEL:-4}
PREFIX=${KEY_PREFIX:-load/}
[ -f "$BED/env" ] || { echo "ERROR: $BED/env missing: start the bed with scripts/testbed/up.sh" >&2; exit 1; }
# shellcheck disable=SC1091
. "$BED/env"
ENDPOINTS=${LOAD_ENDPOINTS:-$ETCDCTL_ENDPOINTS}

value=$(mktemp)
trap 'rm -f "$value" "$value".fail.*' EXIT
head -c $(( (VALUE_BYTES * 3 + 3) / 4 )) /dev/urandom | base64 -w0 | head -c "$VALUE_BYTES" > "$value"

writer() { # id count
  local id=$1 n=$2 fails=0 i
  for ((i = 0; i < n; i++)); do
    ETCDCTL_API=3 etcdctl --endpoints="$ENDPOINTS" --command-timeout=5s put "$PREFIX$id/$((i % 100))" < "$value" >/dev/null 2>>"$value.err.$id" \
      || fails=$((fails + 1))
  done
  echo "$fails" > "$value.fail.$id"
}

t0=$(date +%s%N)
per=$(( (PUTS + PARALLEL - 1) / PARALLEL ))
for ((w = 0; w < PARALLEL; w++)); do
  n=$(( PUTS - w * per )); [ $n -gt $per ] && n=$per; [ $n -le 0 ] && break
  writer "$w" "$n" &
done
wait
fails=0
for f in "$value".fail.*; do [ -f "$f" ] && fails=$((fails + $(cat "$f"))); done
err=$(cat "$value".err.* 2>/dev/null | sort | uniq -c | sort -rn | head -3); rm -f "$value".err.*
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "load: $PUTS puts of $VALUE_BYTES B via $PARALLEL writers in ${ms} ms, $fails failed"
[ -n "$err" ] && [ "$fails" -gt 0 ] && echo "errors: $err"
[ "$fails" = 0 ]
