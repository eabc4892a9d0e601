#!/usr/bin/env bash
# Local etcd test bed: 3-member etcd cluster + node-exporter + Prometheus, loopback only (127.0.0.1).
# Idempotent: a component whose recorded PID is alive is left alone; dead or missing ones are (re)started.
#
# Env:
#   PORT_OFFSET  added to every port (default 0): etcd m1 2379/2380/2381, m2 22379/22380/22381, m3 12379/12380/12381 (below the kernel's ephemeral port range 32768-60999 at every offset up to 9000: another process's outgoing connection can hold a port there and the member cannot bind it)
#   M1_PORT / M2_PORT / M3_PORT  a member's client port before the offset (peer +1, metrics +2); defaults as above
#                (client/peer/metrics), node-exporter 9100, Prometheus 9090. Offset 1000 → Prometheus :10090.
#                Prometheus also scrapes etcd-analyzer serve at 8080 (job analyzer-serve; down unless a test runs it).
#   BED          state dir: data, logs, pids, env (default /tmp/etcd-analyzer-bed-$PORT_OFFSET)
#   SCRAPE       Prometheus scrape interval (default 5s)
#   M1_EXTRA / M2_EXTRA / M3_EXTRA   extra etcd flags for the 1st/2nd/3rd member, e.g. M3_EXTRA="--quota-backend-bytes=2097152"
#   VARIANT      '' (default: job=etcd with a member label, job=node), or `openshift` / `openshift-35` / `openshift-minimal`:
#                variant-openshift.sh names the members after nodes and labels the series as OpenShift does
#   SNAPSHOT_COUNT (default 10000; etcd 3.4's default is 100000, lower so snapshot metrics appear)
#   WAIT_SECONDS how long to wait for etcd health and the first scrape (default 60; 0 = do not wait)
# Writes $BED/env (PROM_URL, ETCD_ENDPOINTS, ...) for other scripts. Exit 1 when a port is taken by something else.
set -euo pipefail
OFF=${PORT_OFFSET:-0}
BED=${BED:-/tmp/etcd-analyzer-bed-$OFF}
SCRAPE=${SCRAPE:-5s}
SNAPSHOT_COUNT=${SNAPSHOT_COUNT:-10000}
WAIT_SECONDS=${WAIT_SECONDS:-60}
H=127.0.0.1
PROM_PORT=$((9090 + OFF))
NODE_PORT=$((9100 + OFF))
SERVE_PORT=$((8080 + OFF))
PIDS=$BED/pids
MEMBER_NAMES=${MEMBER_NAMES:-m1 m2 m3}
if [ -n "${VARIANT:-}" ]; then
  # shellcheck disable=SC1090
  . "$(dirname "$0")/variant-${VARIANT%%-*}.sh"   # sets MEMBER_NAMES, defines variant_scrape_configs
fi
read -r N1 N2 N3 <<<"$MEMBER_NAMES"
P1=$((${M1_PORT:-2379} + OFF)); P2=$((${M2_PORT:-22379} + OFF)); P3=$((${M3_PORT:-12379} + OFF))

for bin in /usr/bin/etcd /usr/bin/etcdctl /usr/bin/prometheus /usr/bin/prometheus-node-exporter; do
  [ -x "$bin" ] || { echo "ERROR: $bin is missing: run scripts/testbed/install.sh (as root) first" >&2; exit 1; }
done
mkdir -p "$BED"/{data,logs,prom/data}
touch "$PIDS"

# name client peer metrics
MEMBERS=("$N1 $P1 $((P1 + 1)) $((P1 + 2))"
         "$N2 $P2 $((P2 + 1)) $((P2 + 2))"
         "$N3 $P3 $((P3 + 1)) $((P3 + 2))")
CLUSTER="$N1=http://$H:$((P1 + 1)),$N2=http://$H:$((P2 + 1)),$N3=http://$H:$((P3 + 1))"
ENDPOINTS="$H:$P1,$H:$P2,$H:$P3"

get_pid() { awk -v n="$1" '$1==n{p=$2} END{print p}' "$PIDS"; }
alive()   { local p; p=$(get_pid "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null && tr '\0' ' ' < /proc/"$p"/cmdline 2>/dev/null | grep -q -- "$2"; }
record()  { { grep -v "^$1 " "$PIDS" || true; echo "$1 $2"; } > "$PIDS.tmp"; mv "$PIDS.tmp" "$PIDS"; }
# bash's /dev/tcp: no dependency on ss/netstat (not on a minimal Debian).
port_busy() { (exec 3<>"/dev/tcp/$H/$1") 2>/dev/null; }

start_bg() { # name logfile cmd...
  local name=$1 log=$2; shift 2
  nohup "$@" >>"$log" 2>&1 </dev/null &
  record "$name" $!
}

started=0
start_members() {
  local i=0 m name cport pport mport p extra_var extra state
  for m in "${MEMBERS[@]}"; do
    i=$((i + 1))
    read -r name cport pport mport <<<"$m"
    if alive "$name" "--name $name "; then echo "$name already running (pid $(get_pid "$name"))"; continue; fi
    for p in "$cport" "$pport" "$mport"; do
      port_busy "$p" && { echo "ERROR: port $p is busy but $name is not running from $BED: pick another PORT_OFFSET" >&2; exit 1; }
    done
    extra_var="M${i}_EXTRA"; extra=${!extra_var:-}
    state=new; [ -d "$BED/data/$name/member" ] && state=existing   # --initial-cluster* ignored for existing data
    # shellcheck disable=SC2086
    start_bg "$name" "$BED/logs/$name.log" /usr/bin/etcd --name "$name" \
      --data-dir "$BED/data/$name" \
      --listen-client-urls "http://$H:$cport" --advertise-client-urls "http://$H:$cport" \
      --listen-peer-urls "http://$H:$pport" --initial-advertise-peer-urls "http://$H:$pport" \
      --listen-metrics-urls "http://$H:$mport" --metrics extensive --snapshot-count "$SNAPSHOT_COUNT" \
      --initial-cluster "$CLUSTER" --initial-cluster-token "bed-cluster-$OFF" --initial-cluster-state new \
      --logger zap --log-outputs stderr $extra
    started=1
    echo "$name started pid $(get_pid "$name") (data $state${extra:+, extra: $extra})"
  done
}
start_members
# A member's port may be held as the local end of another process's outgoing connection (m2/m3 ports fall in the
# kernel's ephemeral range at most offsets; other beds' etcd peers use it): that member exits with "address already
# in use" although nothing listens there. Start such members again, a bounded number of times.
for attempt in 1 2 3 4 5; do
  [ $started = 1 ] || break
  sleep 2
  dead=""; for m in "${MEMBERS[@]}"; do read -r name _ <<<"$m"; alive "$name" "--name $name " || dead="$dead $name"; done
  [ -z "$dead" ] && break
  grep -qs "address already in use" "$BED"/logs/*.log || break   # another failure: the health wait below reports it
  echo "member(s)$dead exited: a port was held by an outgoing connection; retry $attempt"
  started=0; start_members
done

if alive node prometheus-node-exporter; then echo "node-exporter already running"; else
  port_busy "$NODE_PORT" && { echo "ERROR: port $NODE_PORT is busy: pick another PORT_OFFSET" >&2; exit 1; }
  start_bg node "$BED/logs/node.log" /usr/bin/prometheus-node-exporter --web.listen-address="$H:$NODE_PORT" \
    --collector.disable-defaults --collector.cpu --collector.diskstats --collector.netdev \
    --collector.netdev.device-exclude="^none$" \
    --collector.meminfo --collector.loadavg --collector.filesystem --collector.stat --collector.vmstat \
    --collector.pressure --collector.netstat --collector.uname
  echo "node-exporter started pid $(get_pid node)"
fi

{ cat <<YML
global:
  scrape_interval: $SCRAPE
  evaluation_interval: $SCRAPE
scrape_configs:
YML
if declare -f variant_scrape_configs >/dev/null; then variant_scrape_configs; else cat <<YML
  - job_name: etcd
    static_configs:
      - targets: ['$H:$((P1 + 2))']
        labels: {member: $N1}
      - targets: ['$H:$((P2 + 2))']
        labels: {member: $N2}
      - targets: ['$H:$((P3 + 2))']
        labels: {member: $N3}
  - job_name: node
    static_configs:
      - targets: ['$H:$NODE_PORT']
YML
fi
cat <<YML
  - job_name: prometheus
    static_configs:
      - targets: ['$H:$PROM_PORT']
  # etcd-analyzer serve on SERVE_PORT, when a test starts it: its findings as metrics. The job name holds
  # neither "etcd" nor "node", so the default selectors never take it for an etcd or node-exporter target.
  - job_name: analyzer-serve
    static_configs:
      - targets: ['$H:$SERVE_PORT']
YML
} > "$BED/prom/prometheus.yml"

if alive prom "prometheus --config.file"; then echo "prometheus already running (reloading config)"; kill -HUP "$(get_pid prom)"; else
  port_busy "$PROM_PORT" && { echo "ERROR: port $PROM_PORT is busy: pick another PORT_OFFSET" >&2; exit 1; }
  start_bg prom "$BED/logs/prom.log" /usr/bin/prometheus --config.file="$BED/prom/prometheus.yml" \
    --storage.tsdb.path="$BED/prom/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="$H:$PROM_PORT" --web.enable-lifecycle
  echo "prometheus started pid $(get_pid prom)"
fi

cat > "$BED/env" <<ENV
PORT_OFFSET=$OFF
BED=$BED
PROM_URL=http://$H:$PROM_PORT
ETCD_ENDPOINTS=http://$H:$P1,http://$H:$P2,http://$H:$P3
MEMBER_NAMES=$N1,$N2,$N3
ETCDCTL_ENDPOINTS=$ENDPOINTS
NODE_EXPORTER_URL=http://$H:$NODE_PORT
SERVE_PORT=$SERVE_PORT
ENV

if [ "$WAIT_SECONDS" -gt 0 ]; then
  t0=$(date +%s); deadline=$((t0 + WAIT_SECONDS)); healthy=no
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ETCDCTL_API=3 etcdctl --endpoints="$ENDPOINTS" --command-timeout=3s endpoint health >/dev/null 2>&1; then healthy=yes; break; fi
    sleep 1
  done
  echo "etcd cluster healthy=$healthy after $(( $(date +%s) - t0 ))s"
  up=0
  while [ "$(date +%s)" -lt "$deadline" ]; do
    up=$(curl -s --max-time 3 "http://$H:$PROM_PORT/api/v1/targets?state=active" | grep -o '"health":"up"' | wc -l || true)
    [ "$up" -ge 5 ] && break; sleep 0.5
  done
  echo "prometheus targets up=$up/5 after $(( $(date +%s) - t0 ))s"
fi

cat <<TXT
---- etcd test bed (loopback only, offset $OFF, dir $BED) ----
etcd $N1  client http://$H:$P1   metrics http://$H:$((P1 + 2))/metrics
etcd $N2  client http://$H:$P2  metrics http://$H:$((P2 + 2))/metrics
etcd $N3  client http://$H:$P3  metrics http://$H:$((P3 + 2))/metrics
node-exporter   http://$H:$NODE_PORT/metrics
prometheus      http://$H:$PROM_PORT   ${VARIANT:+(variant $VARIANT)}${VARIANT:-(job=etcd, label member=m1..m3; job=node)}
stop:           BED=$BED scripts/testbed/down.sh   (WIPE=1 also deletes data)
TXT
