// The diagnosis engine, one causal chain per test: a healthy synthetic cluster (test/helpers/diagnosisFixtures.ts)
// bent into one fault, run through the real rules (evaluateFindings) and diagnose(). Asserts the FIRST incident's
// category and member, that the peers' effects are grouped under it, and what the headline says.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricSummary } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { CHAINS } from '../../src/core/diagnosis/chains';
import { healthyCluster, set, without, row, MEMBERS, MB } from '../helpers/diagnosisFixtures';
import type { EtcdClusterStatus } from '../../src/core/source/clusterStatusTypes';

function run(metrics: MetricSummary[], clusterStatus?: EtcdClusterStatus) {
  const findings = evaluateFindings(metrics, DEFAULT_THRESHOLDS, { window: '5m', at: '2026-01-01T12:00:00.000Z', clusterStatus });
  return { findings, d: diagnose({ findings, metrics, window: '5m' }) };
}

function failures(rows: MetricSummary[], pairs: [string, string][], avg = 0.5): MetricSummary[] {
  let out = rows;
  for (const [from, to] of pairs) out = set(out, 'peer_sent_failures_rate', `${from}→${to}`, { avg, max: avg * 4 }, { labels: { To: to, peer: to } });
  return out;
}

describe('diagnosis chains', () => {
  test('healthy cluster: verdict healthy, no incident, headline says so', () => {
    const { d } = run(healthyCluster());
    assert.equal(d.verdict, 'healthy');
    assert.equal(d.incidents.length, 0);
    assert.deepEqual(d.unjudged, []);
    assert.match(d.headline, /^Healthy over 5m/);
  });

  test('stopped member: one availability incident on m3 that explains both peers\' send failures', () => {
    let m = healthyCluster().filter((r) => !(r.member === 'm3' && r.metric !== 'member_up') && !r.member.includes('→m3') && !r.member.startsWith('m3→'));
    m = set(m, 'member_up', 'm3', { latest: 0, min: 0, avg: 0.4 });
    m = failures(m, [['m1', 'm3'], ['m2', 'm3']], 3);
    m = set(m, 'leader_changes', 'm1', { increase: 1 });
    const { d } = run(m);
    const top = d.incidents[0];
    assert.equal(top.category, 'availability');
    assert.equal(top.member, 'm3');
    assert.ok(top.consequences.includes('peer_sent_failures:m1→m3') && top.consequences.includes('peer_sent_failures:m2→m3'), top.consequences.join());
    assert.ok(top.consequences.includes('leader_changes:cluster'));
    assert.equal(d.incidents.filter((i) => i.category === 'network').length, 0, 'no separate network incident per peer');
    assert.match(top.headline, /^Member stopped on m3: .*m1 and m2 fail to send to m3/);
    assert.equal(top.confidence, 'high');
    assert.equal(d.verdict, 'critical');
    assert.deepEqual(d.unjudged, [], 'a down member\'s missing data is explained, not unjudged');
  });

  test('slow disk on m2: disk first, headline names fsync, the ratio to its peers and the peers that fail to send to it', () => {
    let m = set(healthyCluster(), 'wal_fsync_duration', 'm2', { p99: 0.032, max: 0.05 });
    m = set(m, 'backend_commit_duration', 'm2', { p99: 0.06, max: 0.08 });
    m = failures(m, [['m1', 'm2'], ['m3', 'm2']], 0.2);
    const { d } = run(m);
    const top = d.incidents[0];
    assert.equal(top.category, 'disk');
    assert.equal(top.member, 'm2');
    assert.match(top.headline, /^Slow disk on m2: WAL fsync latency p99 32 ms, 6× its peers/);
    assert.match(top.headline, /m1 and m3 fail to send to m2/);
    assert.ok(top.consequences.includes('peer_sent_failures:m1→m2'));
    assert.equal(d.incidents.length, 1, d.incidents.map((i) => i.headline).join(' | '));
  });

  test('CPU saturated for a short episode: the peak (not the diluted average) names the CPU before elections and peer failures', () => {
    // Every member on one host, as on the local test bed; the node's average stays at 40 %.
    let m: MetricSummary[] = healthyCluster().map((r) => (r.scope === 'node' ? { ...r, member: 'host', node: 'host' } : { ...r, node: 'host' }));
    m = m.filter((r, i) => r.scope !== 'node' || m.findIndex((x) => x.metric === r.metric && x.member === r.member) === i);
    m = set(m, 'node_cpu_percent', 'host', { avg: 40, max: 99 });
    for (const mem of MEMBERS) m = set(m, 'wal_fsync_duration', mem, { p99: 0.02, max: 0.09 });
    m = set(m, 'leader_changes', 'm1', { increase: 2 });
    m = failures(m, [['m1', 'm2']], 0.1);
    const { d, findings } = run(m);
    assert.ok(findings.some((f) => f.id === 'node_cpu_peak:host'), 'a CPU finding exists although the average is 40 %');
    const top = d.incidents[0];
    assert.equal(top.category, 'cpu');
    assert.equal(top.member, 'host');
    assert.ok(top.consequences.includes('leader_changes:cluster'));
    assert.ok(top.consequences.includes('peer_sent_failures:m1→m2'));
    assert.ok(top.consequences.includes('wal_fsync_p99_high:m2'), 'fsync on every member follows from the CPU');
    assert.match(top.headline, /^CPU saturated on node host \(hosting m1, m2, m3\): Node CPU busy peak 99/);
    assert.equal(d.incidents.filter((i) => i.category === 'disk').length, 0);
  });

  test('every peer link slow: network on the cluster', () => {
    let m = healthyCluster();
    for (const r of m.filter((x) => x.metric === 'peer_rtt')) m = set(m, 'peer_rtt', r.member, { p99: 0.09, max: 0.12 });
    m = set(m, 'leader_changes', 'm1', { increase: 1 });
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'network');
    assert.equal(d.incidents[0].member, 'cluster');
    assert.match(d.incidents[0].headline, /^Slow network between members on every peer link: Peer round-trip time p99 90 ms on 6 links/);
    assert.ok(d.incidents[0].consequences.includes('leader_changes:cluster'));
  });

  test('NOSPACE: quota first, even with the member\'s restart and its peers\' send failures', () => {
    let m = set(healthyCluster(), 'db_quota_percent', 'm2', { latest: 104, max: 104 });
    m = set(m, 'member_up', 'm2', { latest: 1, min: 0, avg: 0.9 });
    m = failures(m, [['m1', 'm2'], ['m3', 'm2']], 0.3);
    const status: EtcdClusterStatus = {
      members: MEMBERS.map((n) => ({ id: `id-${n}`, name: n, endpoint: `http://127.0.0.1/${n}`, healthy: true })) as EtcdClusterStatus['members'],
      alarms: [{ alarm: 'NOSPACE', memberId: 'id-m2', member: 'm2' }],
    } as EtcdClusterStatus;
    const { d } = run(m, status);
    assert.equal(d.incidents[0].category, 'quota');
    assert.equal(d.incidents[0].member, 'm2');
    assert.match(d.incidents[0].headline, /^Database quota full on m2/);
    assert.ok(d.incidents[0].consequences.includes('peer_sent_failures:m1→m2'));
  });

  test('NOSPACE without the etcd API: DB size ≥ quota alone names the member', () => {
    let m = set(healthyCluster(), 'db_quota_percent', 'm2', { latest: 104, max: 104 });
    m = failures(m, [['m1', 'm2']], 0.3);
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'quota');
    assert.equal(d.incidents[0].member, 'm2');
  });

  test('leader restarted repeatedly: leader churn from restarts, with the restarted member and the peers\' failures under it', () => {
    let m = set(healthyCluster(), 'member_up', 'm1', { latest: 1, min: 0, avg: 0.8 });
    m = set(m, 'leader_changes', 'm2', { increase: 4 });
    m = failures(m, [['m2', 'm1'], ['m3', 'm1']], 1);
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'leader');
    assert.equal(d.incidents[0].member, 'cluster');
    assert.ok(d.incidents[0].causeFindings.includes('member_was_down:m1'));
    assert.ok(d.incidents[0].consequences.includes('peer_sent_failures:m2→m1'));
    assert.match(d.incidents[0].headline, /^Leader churn from member restarts on the cluster: 4 leader changes in 5m; m1 restarted \(down m1 20 % of the window\)/);
    assert.equal(d.incidents.length, 1);
  });

  test('one member restarted once: the member, not churn', () => {
    let m = set(healthyCluster(), 'member_up', 'm1', { latest: 1, min: 0, avg: 0.9 });
    m = set(m, 'leader_changes', 'm2', { increase: 1 });
    m = failures(m, [['m2', 'm1']], 0.2);
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'availability');
    assert.equal(d.incidents[0].member, 'm1');
    assert.ok(d.incidents[0].consequences.includes('leader_changes:cluster'));
  });

  test('member cut off (up, unreachable both ways): availability on it, named as cut off', () => {
    let m = failures(healthyCluster(), [['m1', 'm3'], ['m2', 'm3'], ['m3', 'm1'], ['m3', 'm2']], 2);
    m = set(m, 'has_leader', 'm3', { latest: 1, min: 0, avg: 0.3 });
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'availability');
    assert.equal(d.incidents[0].member, 'm3');
    assert.match(d.incidents[0].headline, /^Member cut off from its peers on m3: m1 and m2 fail to send to m3; m3 fails to send to m1 and m2; it had no leader/);
  });

  test('peer failures alone (no member signal) still name the member they target', () => {
    const { d } = run(failures(healthyCluster(), [['m1', 'm3'], ['m2', 'm3']], 0.2));
    assert.equal(d.incidents[0].category, 'availability');
    assert.equal(d.incidents[0].member, 'm3');
    assert.equal(d.incidents.length, 1);
  });

  test('fragmentation worth reclaiming is its own incident, after real causes', () => {
    let m = healthyCluster();
    for (const mem of MEMBERS) {
      m = set(m, 'db_fragmentation_ratio', mem, { latest: 0.88 });
      m = set(m, 'db_size_bytes', mem, { latest: 48 * MB });
      m = set(m, 'db_in_use_bytes', mem, { latest: 6 * MB });
    }
    const { d } = run(m);
    assert.equal(d.incidents[0].category, 'fragmentation');
    assert.equal(d.incidents[0].member, 'cluster', 'one incident when every member is fragmented');
    assert.equal(d.incidents.length, 1);
    assert.match(d.incidents[0].headline, /^Fragmented database on every member \(m1, m2, m3\): 88(\.0)? % of m1's DB file is free space \(about 42(\.0)? MiB reclaimable\)/);
  });

  test('elections with no measured cause: a low-confidence incident that says the cause is not identified', () => {
    const { d } = run(set(healthyCluster(), 'leader_changes', 'm1', { increase: 2 }));
    assert.equal(d.incidents[0].category, 'leader');
    assert.equal(d.incidents[0].confidence, 'low');
    assert.match(d.incidents[0].headline, /cause not identified/);
  });

  test('every chain in the table names a recommendation and at least one starting signal', () => {
    for (const c of CHAINS) {
      assert.ok(c.starts.length > 0, c.id);
      assert.ok(c.recommendation.length > 20, c.id);
    }
  });
});

describe('less noise', () => {
  test('fragmentation of a small DB (nothing worth reclaiming) is not a finding', () => {
    let m = set(healthyCluster(), 'db_fragmentation_ratio', 'm1', { latest: 0.33 });
    m = set(m, 'db_size_bytes', 'm1', { latest: 0.9 * MB });
    m = set(m, 'db_in_use_bytes', 'm1', { latest: 0.6 * MB });
    const { findings, d } = run(m);
    assert.equal(findings.filter((f) => f.rule === 'db_fragmented').length, 0);
    assert.equal(d.verdict, 'healthy');
  });

  test('start-up election of a fresh cluster is info, not churn', () => {
    let m = healthyCluster();
    for (const mem of MEMBERS) m = set(m, 'process_uptime_seconds', mem, { latest: 200 + MEMBERS.indexOf(mem) });
    m = set(m, 'leader_changes', 'm1', { increase: 1 });
    const { findings, d } = run(m);
    const f = findings.find((x) => x.rule === 'leader_changes_startup');
    assert.ok(f, findings.map((x) => x.id).join());
    assert.equal(f.severity, 'info');
    assert.match(f.title, /start-up or a whole-cluster restart/);
    assert.equal(findings.filter((x) => x.rule === 'leader_changes').length, 0);
    assert.equal(d.verdict, 'healthy');
  });

  test('one member restarted inside the window is not a cluster start-up', () => {
    let m = set(healthyCluster(), 'process_uptime_seconds', 'm1', { latest: 100 });
    m = set(m, 'leader_changes', 'm1', { increase: 1 });
    const { findings } = run(m);
    assert.ok(findings.some((x) => x.rule === 'leader_changes' && x.severity === 'warning'));
  });
});

describe('peer names', () => {
  test('a stopped member\'s raw hex id on its peers\' pairs is named from etcd\'s member list', async () => {
    const { namePeers } = await import('../../src/core/collect/peerNames');
    const rows = [row('peer_sent_failures_rate', 'm1→4c835d1128d03cc', { avg: 2 }, { labels: { To: '4c835d1128d03cc', peer: '4c835d1128d03cc' } })];
    const status = { members: [{ id: '04c835d1128d03cc', name: 'm2' }], alarms: [] } as unknown as EtcdClusterStatus;
    const named = namePeers(rows, status);
    assert.equal(named[0].member, 'm1→m2');
    assert.equal(named[0].labels?.peer, 'm2');
    assert.equal(named[0].labels?.To, '4c835d1128d03cc', 'the raw label stays for reference');
    const { d } = run([...healthyCluster(), ...named]);
    assert.match(d.incidents[0].headline, /m1 fails to send to m2/);
  });
});
