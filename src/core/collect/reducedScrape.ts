// The notice for a Prometheus that scrapes only a few etcd metrics. OpenShift's `minimal` monitoring collection
// profile keeps 14 (WAL fsync and backend commit buckets, DB size and in-use size, peer RTT and sent failures,
// has/is leader, proposals failed, quota, gRPC handled/handling/started, process start time): without it the
// metric generation falls back silently and peers show as hex ids, so it is said once, naming what is lost.
import type { QueryError } from '../types';

export function reducedScrapeNotice(query: string): QueryError {
  return {
    kind: 'unavailable',
    query,
    message:
      "Prometheus scrapes only a reduced set of etcd metrics (etcd_server_version, etcd_server_id and process_* are absent, as with OpenShift's " +
      '`minimal` monitoring collection profile). Cannot be analysed: the etcd version (3.5+ metric names assumed), peer names (peers shown ' +
      'by hex member id), etcd process CPU and memory, proposals committed/applied/pending, leader changes, slow applies, heartbeat ' +
      'failures, compaction, defragmentation, snapshots, MVCC traffic and keys, watch streams, network bytes',
    hint:
      'still analysed: WAL fsync, backend commit, DB size and quota, peer RTT and send failures, leader, failed proposals, gRPC. For the ' +
      'rest set `prometheusK8s: {collectionProfile: full}` in the openshift-monitoring/cluster-monitoring-config ConfigMap (or scrape ' +
      'etcd with all its metrics)',
  };
}
