// One name per member: etcd's `--name` is the node name (as etcdctl and the gateway report it), the metrics'
// `pod` label is `etcd-<node>`, node-exporter's instance is the node name. Node names are those of the real
// captured node list test/fixtures/openshift/real/nodes-list-not-upgrading-3-masters-3-workers.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_DIR } from '../helpers/openshiftFixtures';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { joinMemberNames, memberFromPod, withEtcdMemberNames } from '../../src/core/profiles/memberName';
import { memberFilterFor } from '../../src/core/collect/memberFilter';
import { samplesToRows } from '../../src/core/collect/rows';
import { parseDiscovery } from '../../src/core/collect/discovery';
import { STAT_LABEL } from '../../src/core/collect/statsQuery';
import { getMetric } from '../../src/core/metrics/catalog';
import { buildDashboardState } from '../../src/core/report/dashboardState';
import { compareMembers } from '../../src/core/report/memberComparison';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import type { AnalyzerResult, MetricSummary } from '../../src/core/types';
import type { EtcdClusterStatus } from '../../src/core/source/clusterStatusTypes';

const NODES = ['ip-10-0-30-217.us-east-2.compute.internal', 'ip-10-0-53-40.us-east-2.compute.internal', 'ip-10-0-92-180.us-east-2.compute.internal'];
const IPS = ['10.0.30.217', '10.0.53.40', '10.0.92.180'];
/** The labels OpenShift's Prometheus puts on etcd series (as in the federate sample). */
const etcdLabels = (i: number) => ({
  endpoint: 'etcd-metrics',
  instance: `${IPS[i]}:9979`,
  job: 'etcd',
  namespace: 'openshift-etcd',
  pod: `etcd-${NODES[i]}`,
  service: 'etcd',
});
const openshift = createProfile({ ...defaultProfileConfig('https://thanos'), profile: 'openshift' });
const disc = parseDiscovery(
  [
    ...NODES.map((_, i) => ({ labels: { __name__: 'etcd_server_id', server_id: `a${i}`, ...etcdLabels(i) }, value: 1, time: 0 })),
    ...NODES.map((n) => ({ labels: { __name__: 'up', job: 'node-exporter', instance: n }, value: 1, time: 0 })),
  ],
  openshift,
);

function rows(id: string, stat: string, values: number[]): MetricSummary[] {
  const def = getMetric(id)!;
  return samplesToRows(def, [stat as never], values.map((v, i) => ({ labels: { ...etcdLabels(i), [STAT_LABEL]: stat }, value: v, time: 0 })), openshift, disc);
}

const status: EtcdClusterStatus = {
  leaderId: 'a0',
  leaderName: NODES[0],
  members: NODES.map((n, i) => ({ name: n, id: `a${i}`, endpoint: `https://${IPS[i]}:2379`, healthy: i !== 2, isLeader: i === 0, version: '3.5.26', dbSizeBytes: 1e8, ...(i === 2 ? { error: 'context deadline exceeded' } : {}) })),
  alarms: [],
};
const range = { start: '2026-11-30T20:00:00Z', end: '2026-11-30T21:00:00Z', duration: '1h', stepSeconds: 30 };
const result = (tool: string, parts: Partial<AnalyzerResult>): AnalyzerResult => ({ tool, title: tool, summary: '', status: 'ok', range, metrics: [], findings: [], errors: [], ...parts });

test('openshift profile: a member is named by its node; pod etcd-<node> and node-exporter instance agree', () => {
  assert.equal(memberFromPod(`etcd-${NODES[0]}`), NODES[0]);
  assert.equal(memberFromPod('etcd-'), 'etcd-', 'a bare prefix is not stripped to nothing');
  assert.equal(openshift.memberOf(etcdLabels(1)), NODES[1]);
  assert.deepEqual([...disc.members.keys()], NODES);
  assert.equal(disc.memberById.get('a2'), NODES[2], 'peer ids resolve to the node-named member');
  assert.equal(openshift.nodeForMember(NODES[1], etcdLabels(1), disc.nodes), NODES[1]);
  assert.equal(memberFilterFor(NODES[1], openshift, disc.members.get(NODES[1])), `,pod="etcd-${NODES[1]}"`, 'the filter matches the pod label value');
  const wal = rows('wal_fsync_duration', 'p99', [0.002, 0.003, 0.004]);
  assert.deepEqual(wal.map((r) => [r.member, r.node]), NODES.map((n) => [n, n]));
});

test('dashboard: etcd names = node names, pods = etcd-<node> → 3 rows, health and metrics on the same row', () => {
  // What the generic naming (member = pod) would produce: pod-named metric rows next to etcd's node-named rows.
  const podNamed = rows('wal_fsync_duration', 'p99', [0.002, 0.003, 0.004]).map((r, i) => ({ ...r, member: `etcd-${NODES[i]}` }));
  for (const metrics of [podNamed, rows('wal_fsync_duration', 'p99', [0.002, 0.003, 0.004])]) {
    const deep = result('get_etcd_performance_deep_drive', { metrics: [...metrics, ...rows('db_size_bytes', 'latest', [1e8, 1.1e8, 1.2e8])] });
    const st = result('get_etcd_cluster_status', { data: { clusterStatus: status } });
    const s = buildDashboardState({ range: '1h', deep, status: st });
    assert.deepEqual(s.members.map((m) => m.name), NODES, '3 rows, not 6');
    const down = s.members[2];
    assert.equal(down.health, 'unhealthy');
    assert.equal(down.walFsyncP99.value, 0.004, 'the unhealthy member row carries its own metrics');
    assert.equal(s.members[0].isLeader, true);
  }
});

test('member comparison: pod-named metrics join etcd node-named members; pairs rename both ends', () => {
  const metrics: MetricSummary[] = [
    ...rows('wal_fsync_duration', 'p99', [0.002, 0.003, 0.004]).map((r, i) => ({ ...r, member: `etcd-${NODES[i]}` })),
    { metric: 'peer_rtt', title: 'Peer RTT', category: 'network', scope: 'pair', member: `etcd-${NODES[0]}→etcd-${NODES[1]}`, unit: 'seconds', stats: { p99: 0.01 }, labels: { peer: `etcd-${NODES[1]}` } },
  ];
  const cmp = compareMembers(metrics, DEFAULT_THRESHOLDS, status.members.map((m) => ({ name: m.name, isLeader: m.isLeader, healthy: m.healthy })));
  assert.deepEqual(cmp.rows.map((r) => r.member), NODES);
  assert.equal(cmp.rows[2].healthy, false);
  assert.equal(cmp.rows[0].cells.find((_, i) => cmp.columns[i].metric === 'peer_rtt')?.value, 0.01);
  const renamed = withEtcdMemberNames(metrics, NODES);
  assert.equal(renamed.at(-1)!.member, `${NODES[0]}→${NODES[1]}`);
  assert.equal(renamed.at(-1)!.labels?.peer, NODES[1]);
});

test('join: exact names kept, etcd-<name> joined, unrelated names (StatefulSet etcd-0) untouched', () => {
  assert.deepEqual([...joinMemberNames(['etcd-n1', 'n2', 'etcd-0'], ['n1', 'n2', 'etcd-1'])], [['etcd-n1', 'n1']]);
  assert.deepEqual([...joinMemberNames(['etcd-0'], ['etcd-0'])], []);
});

test('real federate sample (OpenShift 4.x etcd targets): three members, each named by its node', () => {
  const text = readFileSync(join(REAL_DIR, 'prometheus-federate-metrics.insights-sample.txt'), 'utf8');
  const labelSets = text
    .split('\n')
    .filter((l) => l.startsWith('etcd_server_slow_apply_total{'))
    .map((l) => Object.fromEntries([...l.slice(l.indexOf('{') + 1, l.indexOf('}')).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]])));
  assert.equal(labelSets.length, 3);
  const names = labelSets.map((l) => openshift.memberOf(l));
  assert.deepEqual(names, labelSets.map((l) => l.pod.slice('etcd-'.length)));
  assert.ok(names.every((n) => /^ip-10-0-[\d-]+\.us-west-1\.compute\.internal$/.test(n)), names.join());
  assert.deepEqual(labelSets.map((l) => [l.job, l.namespace, l.service, l.endpoint]), Array(3).fill(['etcd', 'openshift-etcd', 'etcd', 'etcd-metrics']));
});

test('peer bytes from a sender etcd has not identified (From="0", seen live) are an unknown peer, not a member "0"', () => {
  const def = getMetric('peer_received_bytes_rate')!;
  const [row] = samplesToRows(def, [def.stats[0]], [{ labels: { ...etcdLabels(0), From: '0', [STAT_LABEL]: def.stats[0] }, value: 38, time: 0 }], openshift, disc);
  assert.equal(row.member, `unknown peer→${NODES[0]}`);
  const [known] = samplesToRows(def, [def.stats[0]], [{ labels: { ...etcdLabels(0), From: 'a1', [STAT_LABEL]: def.stats[0] }, value: 38, time: 0 }], openshift, disc);
  assert.equal(known.member, `${NODES[1]}→${NODES[0]}`);
});
