#!/usr/bin/env bash
# Week-long bench fixture: 7 days of synthetic etcd + node-exporter scrapes for 5 members (backfill/generate.ts)
# turned into TSDB blocks by promtool, served by a Prometheus of its own on 127.0.0.1 (port 9090 + OFFSET, its own
# data dir). Writes $DIR/fixture.json (url, start, end, members) for performance.bench.ts. Made, not committed.
#   scripts/bench/backfill.sh            build (if missing) and start     scripts/bench/backfill.sh stop    stop it
# Env: BACKFILL_OFFSET (default 8000), BACKFILL_DIR (default /tmp/etcd-analyzer-backfill-$OFFSET), BACKFILL_DAYS (7),
#      BACKFILL_SCRAPE (seconds, default 60), REBUILD=1 to make the blocks again.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OFF=${BACKFILL_OFFSET:-8000}
DIR=${BACKFILL_DIR:-${TMPDIR:-/tmp}/etcd-analyzer-backfill-$OFF}
DAYS=${BACKFILL_DAYS:-7}
SCRAPE=${BACKFILL_SCRAPE:-60}
PORT=$((9090 + OFF))
H=127.0.0.1
PIDFILE=$DIR/prometheus.pid

stop() {
  if [ -f "$PIDFILE" ]; then
    pid=$(cat "$PIDFILE")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--storage.tsdb.path=$DIR/data"; then
      kill "$pid"; for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "stopped backfill Prometheus ($pid)"
    fi
    rm -f "$PIDFILE"
  fi
}
if [ "${1:-}" = stop ]; then stop; exit 0; fi
command -v promtool >/dev/null || { echo "ERROR: promtool is missing (Debian package prometheus)" >&2; exit 1; }

mkdir -p "$DIR"
if [ ! -f "$DIR/blocks.json" ] || [ "${REBUILD:-}" = 1 ]; then
  stop
  rm -rf "$DIR/data" "$DIR/text" && mkdir -p "$DIR/data" "$DIR/text"
  end=$(date +%s)
  t0=$(date +%s)
  node --import tsx "$ROOT/scripts/bench/backfill/generate.ts" "$DIR/text" "$end" "$DAYS" "$SCRAPE" > "$DIR/generate.json" &
  gen=$!
  # Turn each finished day into a 24 h block while the next is being written; bounded by the generator's life.
  blocks() {
    for done in "$DIR"/text/*.done; do
      [ -e "$done" ] || continue
      om=${done%.done}.om
      promtool tsdb create-blocks-from openmetrics --max-block-duration=24h "$om" "$DIR/data" > /dev/null
      rm -f "$om" "$done"
    done
  }
  while kill -0 "$gen" 2>/dev/null; do blocks; sleep 2; done
  wait "$gen"
  blocks
  echo "{\"end\": $end, \"seconds\": $(( $(date +%s) - t0 ))}" > "$DIR/blocks.json"
  echo "fixture blocks made in $(( $(date +%s) - t0 )) s: $(cat "$DIR/generate.json")"
fi

if ! { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }; then
  (exec 3<>"/dev/tcp/$H/$PORT") 2>/dev/null && { echo "ERROR: port $PORT is busy" >&2; exit 1; }
  printf 'global:\n  scrape_interval: 1h\nscrape_configs: []\n' > "$DIR/prometheus.yml"
  nohup /usr/bin/prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/data" \
    --storage.tsdb.retention.time=3650d --web.listen-address="$H:$PORT" > "$DIR/prometheus.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 120); do curl -sf "http://$H:$PORT/-/ready" >/dev/null && break; sleep 0.5; done
fi
end=$(sed -E 's/.*"end": ([0-9]+).*/\1/' "$DIR/blocks.json")
cat > "$DIR/fixture.json" <<JSON
{"url": "http://$H:$PORT", "start": "$(date -u -d "@$((end - DAYS * 86400))" +%FT%TZ)", "end": "$(date -u -d "@$end" +%FT%TZ)", "members": 5, "scrapeSeconds": $SCRAPE}
JSON
echo "backfill Prometheus ready: http://$H:$PORT ($(cat "$DIR/fixture.json"))"
