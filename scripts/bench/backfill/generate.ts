// Writes a week of synthetic etcd + node-exporter scrapes as OpenMetrics text, for
// `promtool tsdb create-blocks-from openmetrics` (scripts/bench/backfill.sh). Series are shaped like the local test
// bed's (same names and labels, job="etcd"/"node", member=m1…), but for 5 members on 5 nodes and with the gRPC
// method × code set etcd pre-initialises (41 methods × 17 codes, 37 unary latency histograms), like an OpenShift
// control plane. Load follows a daily cycle; m3's disk has a slow hour every day (fsync/commit tails, iowait).
// Sampling: every SCRAPE seconds for the series with traffic; the pre-initialised series that stay 0 (methods never
// called, codes never returned) every 30 min, which keeps the fixture a few GB smaller; the analyzer never reads them
// now (its gRPC queries select the methods in use), but Prometheus still indexes them.
// Output: one file per UTC day, <outDir>/day-<n>.om, each followed by an empty <outDir>/day-<n>.done once complete,
// so backfill.sh can turn finished days into blocks (aligned to the day, as promtool's 24 h blocks are) while the
// next is written, and delete them: the week never sits on disk as text.
//   node --import tsx scripts/bench/backfill/generate.ts <outDir> <endEpochSeconds> [days=7] [scrapeSeconds=60]
import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const [outDir, endArg, daysArg, scrapeArg] = process.argv.slice(2);
if (!outDir || !endArg) {
  console.error('usage: generate.ts <outDir> <endEpochSeconds> [days] [scrapeSeconds]');
  process.exit(2);
}
const END = Math.floor(Number(endArg));
const DAYS = Number(daysArg ?? 7);
const SCRAPE = Number(scrapeArg ?? 60);
const SPARSE = 1800;
const START = END - DAYS * 86400;
const MEMBERS = 5;

const SERVICES: Record<string, { methods: string[]; type: 'unary' | 'server_stream' | 'bidi_stream' | 'client_stream' }[]> = {
  'etcdserverpb.KV': [{ methods: ['Range', 'Put', 'DeleteRange', 'Txn', 'Compact'], type: 'unary' }],
  'etcdserverpb.Watch': [{ methods: ['Watch'], type: 'bidi_stream' }],
  'etcdserverpb.Lease': [
    { methods: ['LeaseGrant', 'LeaseRevoke', 'LeaseTimeToLive', 'LeaseLeases'], type: 'unary' },
    { methods: ['LeaseKeepAlive'], type: 'bidi_stream' },
  ],
  'etcdserverpb.Cluster': [{ methods: ['MemberAdd', 'MemberRemove', 'MemberUpdate', 'MemberList', 'MemberPromote'], type: 'unary' }],
  'etcdserverpb.Maintenance': [
    { methods: ['Alarm', 'Status', 'Defragment', 'Hash', 'HashKV', 'MoveLeader'], type: 'unary' },
    { methods: ['Snapshot'], type: 'server_stream' },
  ],
  'etcdserverpb.Auth': [
    {
      methods: ['AuthEnable', 'AuthDisable', 'AuthStatus', 'Authenticate', 'UserAdd', 'UserGet', 'UserList', 'UserDelete', 'UserChangePassword', 'UserGrantRole', 'UserRevokeRole', 'RoleAdd', 'RoleGet', 'RoleList', 'RoleDelete', 'RoleGrantPermission', 'RoleRevokePermission'],
      type: 'unary',
    },
  ],
  'grpc.health.v1.Health': [{ methods: ['Check'], type: 'unary' }, { methods: ['Watch'], type: 'server_stream' }],
};
const CODES = ['OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied', 'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated'];
/** Requests per second per member at the daily mean, for the methods an OpenShift API server calls. */
const TRAFFIC: Record<string, number> = { Range: 180, Txn: 45, Put: 3, DeleteRange: 1, Compact: 0.0017, LeaseGrant: 2, LeaseRevoke: 0.5, LeaseTimeToLive: 0.2, Status: 0.2, MemberList: 0.05, Watch: 0.02, LeaseKeepAlive: 0.01, Check: 0.1, HashKV: 0.0033 };
/** Failing codes seen (share of the method's requests). */
const FAILURES: Record<string, Record<string, number>> = { Watch: { Unavailable: 0.3, Canceled: 0.5 }, Txn: { DeadlineExceeded: 0.0002 }, Range: { Unavailable: 0.00005 } };

const GRPC_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DISK_BUCKETS = Array.from({ length: 14 }, (_, i) => 0.001 * 2 ** i);
const RTT_BUCKETS = Array.from({ length: 16 }, (_, i) => 0.0001 * 2 ** i);
const COMPACT_MS_BUCKETS = Array.from({ length: 20 }, (_, i) => 100 * 2 ** i);

const ids = Array.from({ length: MEMBERS }, (_, i) => (0x3a1f00c0ffee0000n + BigInt(i * 7919)).toString(16));
const member = (i: number) => `m${i + 1}`;
const ip = (i: number) => `10.0.0.${11 + i}`;

type Lbl = Record<string, string>;
function labels(l: Lbl): string {
  return `{${Object.entries(l).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** Deterministic noise in [0, 1). */
function rnd(seed: number): number {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}
/** Daily cycle: 0.5× at night, 1.5× mid-day. */
function daily(t: number): number {
  return 1 + 0.5 * Math.sin(((t % 86400) / 86400) * 2 * Math.PI - Math.PI / 2);
}
/** m3 (index 2) has a slow disk from 14:00 to 15:00 every day. */
function slowDisk(i: number, t: number): boolean {
  return i === 2 && t % 86400 >= 14 * 3600 && t % 86400 < 15 * 3600;
}

interface Counter {
  name: string;
  l: Lbl;
  v: number;
  /** increment per second at time t */
  rate: (t: number) => number;
  sparse?: boolean;
  gauge?: boolean;
}
const series: Counter[] = [];
const add = (name: string, l: Lbl, rate: (t: number) => number, o: { sparse?: boolean; gauge?: boolean; v?: number } = {}) =>
  series.push({ name, l, v: o.v ?? 0, rate, sparse: o.sparse, gauge: o.gauge });

/** Histogram whose observations per second follow `rate` and whose values follow `quantileOf(u, t)`. */
function histogram(name: string, l: Lbl, buckets: number[], rate: (t: number) => number, valueAt: (u: number, t: number) => number, o: { sparse?: boolean } = {}): void {
  // Share of observations ≤ each bound, from 200 sampled quantiles of the distribution at time t.
  const cdf = (t: number) => {
    const vs = Array.from({ length: 200 }, (_, k) => valueAt((k + 0.5) / 200, t));
    return buckets.map((b) => vs.filter((v) => v <= b).length / 200);
  };
  const mean = (t: number) => Array.from({ length: 20 }, (_, k) => valueAt((k + 0.5) / 20, t)).reduce((a, b) => a + b, 0) / 20;
  const cache = new Map<number, number[]>();
  const shares = (t: number) => {
    const key = Math.floor(t / 600);
    let c = cache.get(key);
    if (!c) {
      if (cache.size > 4) cache.clear();
      c = cdf(key * 600);
      cache.set(key, c);
    }
    return c;
  };
  buckets.forEach((b, k) => add(`${name}_bucket`, { ...l, le: String(b) }, (t) => rate(t) * shares(t)[k], o));
  add(`${name}_bucket`, { ...l, le: '+Inf' }, rate, o);
  add(`${name}_sum`, l, (t) => rate(t) * mean(t), o);
  add(`${name}_count`, l, rate, o);
}

for (let i = 0; i < MEMBERS; i++) {
  const base: Lbl = { job: 'etcd', instance: `${ip(i)}:2379`, member: member(i) };
  const leader = i === 0;
  const load = (t: number) => daily(t) * (0.9 + 0.2 * rnd(i * 1000 + Math.floor(t / 300)));
  add('up', base, () => 1, { gauge: true, v: 1 });
  add('etcd_server_id', { ...base, server_id: ids[i] }, () => 1, { gauge: true, v: 1 });
  add('etcd_server_version', { ...base, server_version: '3.5.21' }, () => 1, { gauge: true, v: 1 });
  add('etcd_cluster_version', { ...base, cluster_version: '3.5' }, () => 1, { gauge: true, v: 1 });
  add('etcd_server_has_leader', base, () => 1, { gauge: true, v: 1 });
  add('etcd_server_is_leader', base, () => (leader ? 1 : 0), { gauge: true, v: leader ? 1 : 0 });
  add('etcd_server_leader_changes_seen_total', base, () => 0, { v: 1 });
  const proposals = (t: number) => 50 * load(t);
  add('etcd_server_proposals_committed_total', base, proposals, { v: 1e7 });
  add('etcd_server_proposals_applied_total', base, proposals, { v: 1e7 });
  add('etcd_server_proposals_failed_total', base, () => 0, { v: 3 });
  add('etcd_server_proposals_pending', base, (t) => (slowDisk(i, t) ? 3 : 0), { gauge: true });
  add('etcd_server_slow_apply_total', base, (t) => (slowDisk(i, t) ? 0.2 : 0.001), { v: 40 });
  add('etcd_server_slow_read_indexes_total', base, () => 0, { v: 0 });
  add('etcd_server_heartbeat_send_failures_total', base, (t) => (leader && slowDisk(2, t) ? 0.05 : 0), { v: 0 });
  add('etcd_server_health_failures', base, () => 0, { v: 0 });
  add('etcd_server_quota_backend_bytes', base, () => 8589934592, { gauge: true, v: 8589934592 });
  add('etcd_mvcc_db_total_size_in_bytes', base, (t) => 1.2e9 + 2e8 * Math.sin(t / 86400), { gauge: true, v: 1.2e9 });
  add('etcd_mvcc_db_total_size_in_use_in_bytes', base, (t) => 0.9e9 + 1e8 * Math.sin(t / 86400), { gauge: true, v: 0.9e9 });
  add('etcd_debugging_mvcc_keys_total', base, () => 250000, { gauge: true, v: 250000 });
  add('etcd_debugging_mvcc_watch_stream_total', base, () => 420, { gauge: true, v: 420 });
  add('etcd_mvcc_put_total', base, (t) => 48 * load(t), { v: 5e6 });
  add('etcd_mvcc_delete_total', base, (t) => 1 * load(t), { v: 1e5 });
  add('etcd_network_active_peers', base, () => MEMBERS - 1, { gauge: true, v: MEMBERS - 1 });
  add('etcd_network_client_grpc_received_bytes_total', base, (t) => 400e3 * load(t), { v: 1e11 });
  add('etcd_network_client_grpc_sent_bytes_total', base, (t) => 3e6 * load(t), { v: 1e12 });
  add('process_cpu_seconds_total', base, (t) => 0.35 * load(t), { v: 1e5 });
  add('process_start_time_seconds', base, () => START - 86400 * (3 + i), { gauge: true, v: START - 86400 * (3 + i) });
  add('process_resident_memory_bytes', base, (t) => 2.1e9 + 1e8 * rnd(i + Math.floor(t / 600)), { gauge: true, v: 2.1e9 });
  const disk = (slowMul: number) => (u: number, t: number) => (slowDisk(i, t) ? slowMul : 1) * 0.002 * Math.exp(1.2 * (u - 0.5) * 2) * (u > 0.99 ? 4 : 1);
  histogram('etcd_disk_wal_fsync_duration_seconds', base, DISK_BUCKETS, (t) => 60 * load(t), disk(25));
  histogram('etcd_disk_backend_commit_duration_seconds', base, DISK_BUCKETS, (t) => 20 * load(t), disk(15));
  histogram('etcd_debugging_snap_save_total_duration_seconds', base, DISK_BUCKETS, () => 1 / 3600, (u) => 0.05 + 0.1 * u);
  histogram('etcd_disk_backend_defrag_duration_seconds', base, DISK_BUCKETS, () => 0, () => 1, { sparse: true });
  histogram('etcd_mvcc_db_compaction_total_duration_milliseconds', base, COMPACT_MS_BUCKETS, () => 1 / 300, (u) => 300 + 600 * u);
  add('etcd_mvcc_db_compaction_keys_total', base, (t) => 30 * load(t), { v: 1e6 });
  for (let j = 0; j < MEMBERS; j++) {
    if (j === i) continue;
    histogram('etcd_network_peer_round_trip_time_seconds', { ...base, To: ids[j] }, RTT_BUCKETS, () => 0.2, (u) => 0.0008 * Math.exp(2 * (u - 0.5)));
    add('etcd_network_peer_sent_bytes_total', { ...base, To: ids[j] }, (t) => (leader ? 80e3 : 2e3) * load(t), { v: 1e10 });
    add('etcd_network_peer_received_bytes_total', { ...base, From: ids[j] }, (t) => (j === 0 ? 80e3 : 2e3) * load(t), { v: 1e10 });
    add('etcd_network_peer_sent_failures_total', { ...base, To: ids[j] }, () => 0, { v: 2 });
    add('etcd_network_peer_received_failures_total', { ...base, From: ids[j] }, () => 0, { v: 1 });
  }
  for (const [service, groups] of Object.entries(SERVICES)) {
    for (const g of groups) {
      for (const method of g.methods) {
        const m: Lbl = { ...base, grpc_method: method, grpc_service: service, grpc_type: g.type };
        const traffic = TRAFFIC[method] ?? 0;
        const rate = (t: number) => traffic * load(t);
        add('grpc_server_started_total', m, rate, { sparse: !traffic });
        for (const code of CODES) {
          const share = code === 'OK' ? 1 - Object.values(FAILURES[method] ?? {}).reduce((a, b) => a + b, 0) : (FAILURES[method]?.[code] ?? 0);
          add('grpc_server_handled_total', { ...m, grpc_code: code }, (t) => rate(t) * share, { sparse: !(traffic && share) });
        }
        if (g.type === 'unary' && method !== 'Defragment') {
          histogram('grpc_server_handling_seconds', m, GRPC_BUCKETS, rate, (u, t) => (slowDisk(i, t) ? 8 : 1) * 0.004 * Math.exp(2.5 * (u - 0.5)), { sparse: !traffic });
        }
      }
    }
  }
}
for (let i = 0; i < MEMBERS; i++) {
  const base: Lbl = { job: 'node', instance: `${ip(i)}:9100` };
  const busy = (t: number) => 0.25 * daily(t);
  add('up', base, () => 1, { gauge: true, v: 1 });
  for (const cpu of ['0', '1', '2', '3']) {
    add('node_cpu_seconds_total', { ...base, cpu, mode: 'idle' }, (t) => 1 - busy(t) - (slowDisk(i, t) ? 0.3 : 0.01), { v: 1e6 });
    add('node_cpu_seconds_total', { ...base, cpu, mode: 'iowait' }, (t) => (slowDisk(i, t) ? 0.3 : 0.01), { v: 1e4 });
    add('node_cpu_seconds_total', { ...base, cpu, mode: 'user' }, (t) => busy(t) * 0.7, { v: 1e5 });
    add('node_cpu_seconds_total', { ...base, cpu, mode: 'system' }, (t) => busy(t) * 0.3, { v: 1e5 });
  }
  const dev = { ...base, device: 'nvme0n1' };
  add('node_disk_read_bytes_total', dev, (t) => 2e6 * daily(t), { v: 1e12 });
  add('node_disk_written_bytes_total', dev, (t) => 8e6 * daily(t), { v: 1e12 });
  add('node_disk_reads_completed_total', dev, (t) => 100 * daily(t), { v: 1e8 });
  add('node_disk_writes_completed_total', dev, (t) => 400 * daily(t), { v: 1e8 });
  add('node_disk_read_time_seconds_total', dev, (t) => 100 * daily(t) * 0.0003, { v: 1e4 });
  add('node_disk_write_time_seconds_total', dev, (t) => 400 * daily(t) * (slowDisk(i, t) ? 0.02 : 0.0006), { v: 1e4 });
  add('node_disk_io_time_seconds_total', dev, (t) => (slowDisk(i, t) ? 0.9 : 0.15), { v: 1e5 });
  add('node_pressure_io_waiting_seconds_total', base, (t) => (slowDisk(i, t) ? 0.4 : 0.02), { v: 1e4 });
  add('node_memory_MemTotal_bytes', base, () => 32e9, { gauge: true, v: 32e9 });
  add('node_memory_MemAvailable_bytes', base, (t) => 14e9 - 2e9 * daily(t), { gauge: true, v: 14e9 });
  add('node_vmstat_pgmajfault', base, () => 0.5, { v: 1e5 });
  add('node_boot_time_seconds', base, () => START - 86400 * 30, { gauge: true, v: START - 86400 * 30 });
  for (const device of ['ens3', 'lo']) {
    const d = { ...base, device };
    add('node_network_receive_bytes_total', d, (t) => 5e6 * daily(t), { v: 1e12 });
    add('node_network_transmit_bytes_total', d, (t) => 5e6 * daily(t), { v: 1e12 });
    add('node_network_receive_drop_total', d, () => 0, { v: 10 });
    add('node_network_transmit_drop_total', d, () => 0, { v: 0 });
  }
}

const dense = series.filter((s) => !s.sparse);
const sparse = series.filter((s) => s.sparse);
const rendered = series.map((s) => `${s.name}${labels(s.l)} `);
const index = new Map(series.map((s, k) => [s, k]));
let outStream: WriteStream | undefined;
let day = -1;
let buf = '';
let lines = 0;
async function flush(force = false): Promise<void> {
  if (!outStream || (buf.length < 1 << 22 && !force)) return;
  if (!outStream.write(buf)) await new Promise<void>((r) => outStream!.once("drain", () => r()));
  buf = '';
}
async function closeDay(): Promise<void> {
  if (!outStream) return;
  buf += '# EOF\n';
  await flush(true);
  const s = outStream;
  s.end();
  await new Promise<void>((r) => s.on("finish", () => r()));
  writeFileSync(join(outDir, `day-${day}.done`), '');
  outStream = undefined;
}
async function main(): Promise<void> {
  for (let t = START; t <= END; t += SCRAPE) {
    const d = Math.floor(t / 86400);
    if (d !== day) {
      await closeDay();
      day = d;
      outStream = createWriteStream(join(outDir, `day-${day}.om`), { highWaterMark: 1 << 22 });
    }
    const list = t % SPARSE < SCRAPE ? series : dense;
    for (const s of list) {
      if (s.gauge) s.v = s.rate(t);
      else s.v += Math.max(0, s.rate(t)) * SCRAPE;
      buf += `${rendered[index.get(s)!]}${Math.round(s.v * 1000) / 1000} ${t}\n`;
      lines++;
    }
    await flush();
  }
  await closeDay();
  console.log(JSON.stringify({ series: series.length, dense: dense.length, sparse: sparse.length, samples: lines, start: START, end: END, scrape: SCRAPE }));
}
void main();
