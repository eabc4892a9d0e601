// The assertions both OpenShift-labelled live variants must pass (etcd 3.4 names, and 3.5/3.6 names): every
// analyzer through the openshift profile, one name per member, the dashboard's three rows, a stopped member
// named once. Each variant's test file starts its own bed once (its own port offset) and stops it after.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzers } from '../../src/core/analyzers/registry';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { buildDashboardState } from '../../src/core/report/dashboardState';
import { buildReportModel } from '../../src/core/report/model';
import type { AnalyzerResult, MetricSummary } from '../../src/core/types';
import { GOOD_TOKEN } from './openshiftApi';
import { startOpenShiftLive, type OpenShiftLive } from './openshiftLive';
import { waitForProm } from './prom';
import { UNKNOWN_PEER } from '../../src/core/profiles/memberName';

const WINDOW = { duration: '5m' };

/** Member names on member- and pair-scoped summaries (both ends of a pair). */
function memberNames(metrics: readonly MetricSummary[]): Set<string> {
  return new Set(metrics.flatMap((m) => (m.scope === 'pair' ? m.member.split('→') : m.scope === 'member' ? [m.member] : [])));
}

function stat(r: AnalyzerResult, metric: string, member: string, ...stats: ('p99' | 'latest' | 'avg' | 'max' | 'rate')[]): number | null | undefined {
  const m = r.metrics.find((x) => x.metric === metric && x.member === member);
  for (const s of stats) if (m?.stats[s] !== undefined && m.stats[s] !== null) return m.stats[s];
  return m ? null : undefined;
}

type Get = () => { live: OpenShiftLive; results: Map<string, AnalyzerResult> };

/** `extra` registers tests run while all members are up; `last` after the stopped-member test. */
export function describeOpenShiftLive(title: string, offset: number, variant: 'openshift' | 'openshift-35', hooks: { extra?: (get: Get) => void; last?: (get: Get) => void } = {}): void {
  describe(title, () => {
    let live: OpenShiftLive;
    let prometheusUrl = '';
    const results = new Map<string, AnalyzerResult>();

    before(async () => {
      live = await startOpenShiftLive(offset, variant);
      const c = await live.context();
      prometheusUrl = c.prometheusUrl;
      for (const a of analyzers) results.set(a.name, await runAnalyzer(c.ctx, a.name, WINDOW, { record: false }));
    });
    after(async () => {
      await live?.stop();
    });

    test('metrics are read through route discovery: verified HTTPS at the route host, with the bearer token', () => {
      assert.equal(prometheusUrl, `https://${live.proxy.host}`);
      assert.ok(live.proxy.requests > 10, `requests through the route: ${live.proxy.requests}`);
      assert.deepEqual([...live.proxy.authSeen], [`Bearer ${GOOD_TOKEN}`]);
    });

    test('every analyzer runs with the openshift profile; none fails', () => {
      assert.equal(results.size, analyzers.length);
      for (const [name, r] of results) {
        assert.notEqual(r.status, 'failed', `${name}: ${r.summary} ${JSON.stringify(r.errors.slice(0, 2))}`);
        assert.ok(r.summary.length > 0, name);
      }
      for (const name of ['get_etcd_general_info', 'get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_etcd_network_io', 'get_node_disk_io', 'get_etcd_performance_deep_drive', 'get_ocp_node_usage']) {
        const r = results.get(name)!;
        assert.ok(r.metrics.length > 0, `${name} has live metrics: ${r.summary}`);
        assert.deepEqual(r.errors.map((e) => e.message), [], `${name} errors`);
      }
      assert.match(results.get('get_ocp_cluster_info')!.summary, /^OpenShift 4\.14\.1 on None, network OpenShiftSDN: 6 nodes/);
      assert.match(results.get('get_etcd_cluster_status')!.summary, /3 of 3 members healthy/);
    });

    test('one name per member everywhere: the node name, never the pod spelling etcd-<node>', () => {
      for (const [name, r] of results) {
        const names = memberNames(r.metrics);
        for (const n of names) assert.ok(live.nodes.includes(n) || n === UNKNOWN_PEER, `${name}: member "${n}" is not a node name`);
        for (const f of r.findings) assert.ok(!f.member.startsWith('etcd-'), `${name}: finding ${f.id} names the pod`);
      }
      const deep = results.get('get_etcd_performance_deep_drive')!;
      assert.deepEqual([...memberNames(deep.metrics)].filter((n) => n !== UNKNOWN_PEER).sort(), [...live.nodes].sort());
      const pairs = deep.metrics.filter((m) => m.metric === 'peer_rtt');
      assert.ok(pairs.length >= 6, 'peer pairs resolve their hex ids to node-named members');
      const usage = results.get('get_ocp_node_usage')!;
      assert.ok(usage.metrics.some((m) => m.scope === 'node' && live.nodes.includes(m.member)), 'node-exporter instance = node name');
    });

    test('WAL fsync, backend commit p99 and DB size are live numbers for every node-named member', () => {
      for (const node of live.nodes) {
        for (const [tool, metric] of [['get_etcd_disk_wal_fsync', 'wal_fsync_duration'], ['get_etcd_disk_backend_commit', 'backend_commit_duration']]) {
          const v = stat(results.get(tool)!, metric, node, 'p99');
          assert.ok(typeof v === 'number' && v > 0 && v < 5, `${metric} p99 on ${node} = ${v}`);
        }
        const gi = results.get('get_etcd_general_info')!;
        const size = stat(gi, 'db_size_bytes', node, 'latest', 'max');
        assert.ok(typeof size === 'number' && size > 0, `db_size_bytes on ${node} = ${size}`);
        const puts = stat(gi, 'mvcc_put_rate', node, 'avg', 'max', 'latest', 'rate');
        assert.ok(typeof puts === 'number' && puts > 0, `mvcc_put_rate on ${node} = ${puts}`);
      }
    });

    test('dashboard and member comparison: 3 rows (not 6), etcdctl health and metrics on the same row', () => {
      const deep = results.get('get_etcd_performance_deep_drive')!;
      const status = results.get('get_etcd_cluster_status')!;
      const s = buildDashboardState({ range: '15m', deep, status });
      assert.deepEqual(s.members.map((m) => m.name), [...live.nodes].sort());
      assert.ok(s.members.every((m) => m.health === 'healthy' && m.walFsyncP99.value !== null && m.dbSizeBytes.value !== null), JSON.stringify(s.members));
      assert.equal(s.members.filter((m) => m.isLeader).length, 1);
      const model = buildReportModel([deep, status]);
      assert.deepEqual(model.members.rows.map((r) => r.member), [...live.nodes].sort());
    });

    hooks.extra?.(() => ({ live, results }));

    test('a stopped member is named once: its node name, unhealthy, in one dashboard row', async () => {
      const down = live.nodes[2];
      await live.bed.stopMember(down);
      const up = await waitForProm(live.bed.promUrl, `up{job="etcd", pod="etcd-${down}"}`, (v) => v === 0, 30_000);
      assert.equal(up, 0, 'Prometheus saw the member go down');
      const { ctx } = await live.context();
      const deep = await runAnalyzer(ctx, 'get_etcd_performance_deep_drive', WINDOW, { record: false });
      const status = await runAnalyzer(ctx, 'get_etcd_cluster_status', {}, { record: false });
      assert.match(status.summary, /2 of 3 members healthy/);
      const s = buildDashboardState({ range: '15m', deep, status });
      assert.deepEqual(s.members.map((m) => m.name), [...live.nodes].sort(), '3 rows');
      const rows = s.members.filter((m) => m.name === down);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].health, 'unhealthy');
      assert.match(rows[0].healthDetail ?? '', /deadline|refused|unavailable|failed/i);
      const about = [...deep.findings, ...status.findings].filter((f) => f.member.includes(down.split('.')[0]));
      assert.ok(about.length > 0, 'a finding names the stopped member');
      assert.ok(about.every((f) => f.member === down || f.member.split('→').includes(down)), JSON.stringify(about.map((f) => f.member)));
      assert.ok(s.findings.every((f) => !f.member.startsWith('etcd-')));
    });

    hooks.last?.(() => ({ live, results }));
  });
}
