// Network: peer round trips and traffic per member pair (`To`/`From` carry the peer's hex member id, which the
// collector turns into a name), client gRPC bytes, node NICs (virtual ones filtered, loopback kept), watch streams.
import type { MetricDef, QueryParams } from '../types';
import { byEtcd, byNode, counterRate, etcdQuantile, etcdRate, etcdSel, netSel } from '../build';
import { gauge, histogram, seriesGauge, windowed } from '../kinds';

const n = 'network' as const;

/** Pair rate by the peer label: `To` on what a member sends, `From` on what it receives. */
function pairRate(id: string, title: string, unit: 'bytes_per_second' | 'per_second', name: string, peer: 'To' | 'From', description: string): MetricDef {
  return windowed({
    id,
    title,
    category: n,
    scope: 'pair',
    unit,
    keyLabels: [peer],
    description,
    over: (p, w) => etcdRate(p, name, w, undefined, [peer]),
  });
}

function nodeNetRate(p: QueryParams, names: string[], w: string): string {
  return names.map((name) => `sum ${byNode('device')} (${counterRate(p, netSel(p, name), w)})`).join(' + ');
}

export const networkMetrics: MetricDef[] = [
  histogram({
    id: 'peer_rtt',
    title: 'Peer round-trip time',
    category: n,
    scope: 'pair',
    unit: 'seconds',
    keyLabels: ['To'],
    description: 'Round trip from a member to each peer (etcd_network_peer_round_trip_time_seconds), per pair m1→m2. Healthy p99 < 50 ms.',
    quantile: (p, q, w) => etcdQuantile(p, q, 'etcd_network_peer_round_trip_time_seconds', w, undefined, ['To']),
  }),
  pairRate('peer_sent_bytes_rate', 'Peer bytes sent', 'bytes_per_second', 'etcd_network_peer_sent_bytes_total', 'To', 'Bytes per second a member sends to each peer (pair member→peer).'),
  pairRate(
    'peer_received_bytes_rate',
    'Peer bytes received',
    'bytes_per_second',
    'etcd_network_peer_received_bytes_total',
    'From',
    'Bytes per second a member receives from each peer; the pair reads in the direction of the traffic (peer→member).',
  ),
  pairRate(
    'peer_sent_failures_rate',
    'Peer send failures',
    'per_second',
    'etcd_network_peer_sent_failures_total',
    'To',
    'Failed sends to a peer per second (pair member→peer). No series until a first failure happens.',
  ),
  pairRate(
    'peer_received_failures_rate',
    'Peer receive failures',
    'per_second',
    'etcd_network_peer_received_failures_total',
    'From',
    'Failed receives from a peer per second (pair peer→member). No series until a first failure happens.',
  ),
  gauge({
    id: 'active_peers',
    title: 'Active peers',
    category: n,
    scope: 'member',
    unit: 'count',
    description: 'Peers the member currently has a connection with (etcd_network_active_peers); n − 1 in a healthy n-member cluster.',
    value: (p) => `sum ${byEtcd()} (${etcdSel(p, 'etcd_network_active_peers')})`,
  }),
  windowed({
    id: 'client_grpc_received_bytes_rate',
    title: 'Client gRPC bytes received',
    category: n,
    scope: 'member',
    unit: 'bytes_per_second',
    description: 'Bytes per second received from clients over gRPC.',
    over: (p, w) => etcdRate(p, 'etcd_network_client_grpc_received_bytes_total', w),
  }),
  windowed({
    id: 'client_grpc_sent_bytes_rate',
    title: 'Client gRPC bytes sent',
    category: n,
    scope: 'member',
    unit: 'bytes_per_second',
    description: 'Bytes per second sent to clients over gRPC (large ranges and watches show up here).',
    over: (p, w) => etcdRate(p, 'etcd_network_client_grpc_sent_bytes_total', w),
  }),
  windowed({
    id: 'node_network_rx_bytes_rate',
    title: 'Node network received',
    category: n,
    scope: 'node',
    unit: 'bytes_per_second',
    keyLabels: ['device'],
    description: 'Bytes per second received per interface on the node (virtual interfaces filtered, loopback kept).',
    over: (p, w) => nodeNetRate(p, ['node_network_receive_bytes_total'], w),
  }),
  windowed({
    id: 'node_network_tx_bytes_rate',
    title: 'Node network sent',
    category: n,
    scope: 'node',
    unit: 'bytes_per_second',
    keyLabels: ['device'],
    description: 'Bytes per second sent per interface on the node (virtual interfaces filtered, loopback kept).',
    over: (p, w) => nodeNetRate(p, ['node_network_transmit_bytes_total'], w),
  }),
  windowed({
    id: 'node_network_drops_rate',
    title: 'Node network drops',
    category: n,
    scope: 'node',
    unit: 'per_second',
    keyLabels: ['device'],
    description: 'Packets dropped per second per interface (receive + transmit).',
    over: (p, w) => nodeNetRate(p, ['node_network_receive_drop_total', 'node_network_transmit_drop_total'], w),
  }),
  seriesGauge({
    id: 'watch_streams',
    title: 'Watch streams',
    category: n,
    scope: 'member',
    unit: 'count',
    description: 'Open watch streams on the member (etcd_debugging_mvcc_watch_stream_total).',
    agg: 'sum',
    by: byEtcd(),
    selectors: (p) => [etcdSel(p, 'etcd_debugging_mvcc_watch_stream_total')],
  }),
];
