#!/usr/bin/env bash
# Stops test-bed processes recorded in $BED/pids, by PID (never by name).
#   down.sh            stop everything of this bed      down.sh m2   stop only member m2 (others keep running)
# Env: PORT_OFFSET / BED as for up.sh; WIPE=1 also deletes data, logs and Prometheus TSDB (full stop only).
set -uo pipefail
OFF=${PORT_OFFSET:-0}
BED=${BED:-/tmp/etcd-analyzer-bed-$OFF}
PIDS=$BED/pids
[ -f "$PIDS" ] || { echo "no pid file $PIDS (nothing running from this bed)"; exit 0; }

only=("$@")
selected() { [ ${#only[@]} -eq 0 ] && return 0; local n; for n in "${only[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1; }

targets=()
while read -r name pid; do
  [ -n "${pid:-}" ] || continue
  selected "$name" || continue
  targets+=("$name:$pid")
  if kill -0 "$pid" 2>/dev/null; then kill "$pid" && echo "sent TERM to $name ($pid)"; else echo "$name ($pid) not running"; fi
done < "$PIDS"

for _ in $(seq 1 40); do
  left=0; for t in "${targets[@]}"; do kill -0 "${t#*:}" 2>/dev/null && left=1; done
  [ $left = 0 ] && break; sleep 0.25
done
for t in "${targets[@]}"; do
  pid=${t#*:}; kill -0 "$pid" 2>/dev/null && { kill -9 "$pid"; echo "KILL ${t%%:*} ($pid)"; }
done

if [ ${#only[@]} -eq 0 ]; then
  rm -f "$PIDS"
  if [ "${WIPE:-0}" = 1 ]; then rm -rf "$BED"/data "$BED"/prom/data "$BED"/logs "$BED"/env && echo "wiped data in $BED"; fi
else
  for n in "${only[@]}"; do grep -v "^$n " "$PIDS" > "$PIDS.tmp"; mv "$PIDS.tmp" "$PIDS"; done
fi
echo done
