# Sourced by up.sh when VARIANT=openshift or VARIANT=openshift-35: the bed as an OpenShift cluster's platform
# Prometheus sees it. Members are named after nodes (OpenShift runs etcd with --name = the node name; the names are
# those of a real captured node list), and every series carries the target labels OpenShift's ServiceMonitors give:
#   etcd:          job="etcd", namespace="openshift-etcd", pod="etcd-<node>", service="etcd", endpoint="etcd-metrics",
#                  instance="<node ip>:9979" (the etcd-metrics proxy port; the IPs are labels only, all on 127.0.0.1)
#   node-exporter: job="node-exporter", instance="<node name>" (the one local node-exporter scraped once per node)
# openshift-35 also makes Prometheus look like it scrapes etcd 3.5/3.6, with metric_relabel_configs on the etcd
# job: it drops the 3.4-only `etcd_debugging_mvcc_` copies that 3.5 removed (DB size, put/delete/txn/range
# counters; 3.4.23 already exports their `etcd_mvcc_` names, so nothing needs renaming) and rewrites the version
# labels (server_version 3.5.26, cluster_version 3.5) so the analyzer's 3.5+ branch is the one chosen.
# openshift-minimal keeps only what OpenShift's `minimal` monitoring collection profile keeps: the `keep` regex of
# the real ServiceMonitor copied into test/fixtures/openshift/real/servicemonitor-etcd-minimal.yaml.
# shellcheck shell=bash
OS_NODES=(ip-10-0-30-217.us-east-2.compute.internal ip-10-0-53-40.us-east-2.compute.internal ip-10-0-92-180.us-east-2.compute.internal)
OS_IPS=(10.0.30.217 10.0.53.40 10.0.92.180)
MEMBER_NAMES="${OS_NODES[*]}"
# m2/m3 below the kernel's ephemeral port range (32768-60999): at 22379/32379 + offset (m3's old default), another
# process's outgoing connection (other beds' etcd peers) can hold the port and the member cannot bind it. These
# bases stay clear of the other beds' ports at offsets 0-3000 and 8000-9000.
M2_PORT=${M2_PORT:-13379}
M3_PORT=${M3_PORT:-15379}

variant_scrape_configs() {
  local ports=($((P1 + 2)) $((P2 + 2)) $((P3 + 2))) i
  echo "  - job_name: etcd"
  echo "    static_configs:"
  for i in 0 1 2; do
    echo "      - targets: ['$H:${ports[$i]}']"
    echo "        labels: {instance: '${OS_IPS[$i]}:9979', namespace: openshift-etcd, pod: 'etcd-${OS_NODES[$i]}', service: etcd, endpoint: etcd-metrics}"
  done
  if [ "${VARIANT:-}" = openshift-minimal ]; then
    local keep
    keep=$(sed -n 's/^ *regex: //p' "$(dirname "${BASH_SOURCE[0]}")/../../test/fixtures/openshift/real/servicemonitor-etcd-minimal.yaml")
    [ -n "$keep" ] || { echo "ERROR: no keep regex in servicemonitor-etcd-minimal.yaml" >&2; exit 1; }
    echo "    metric_relabel_configs:"
    echo "      - {source_labels: [__name__], regex: '$keep', action: keep}"
  fi
  if [ "${VARIANT:-}" = openshift-35 ]; then
    cat <<YML
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'etcd_debugging_mvcc_(db_total_size_in_bytes|put_total|delete_total|txn_total|range_total)'
        action: drop
      - source_labels: [__name__, server_version]
        regex: 'etcd_server_version;3\.4\..*'
        target_label: server_version
        replacement: '3.5.26'
      - source_labels: [__name__, cluster_version]
        regex: 'etcd_cluster_version;3\.4'
        target_label: cluster_version
        replacement: '3.5'
YML
  fi
  echo "  - job_name: node-exporter"
  echo "    static_configs:"
  for i in 0 1 2; do
    echo "      - targets: ['$H:$NODE_PORT']"
    echo "        labels: {instance: '${OS_NODES[$i]}'}"
  done
}
