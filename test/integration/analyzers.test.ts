// Every registered analyzer against the live local cluster (with-testbed.sh's bed, else the dev bed at :9090).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzers } from '../../src/core/analyzers/registry';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import type { AnalyzerResult } from '../../src/core/types';
import { liveBed } from '../helpers/testbed';
import { contextFor, waitForProm } from '../helpers/prom';

const bed = liveBed();
const WINDOW = { duration: '5m' };
const MEMBERS = ['m1', 'm2', 'm3'];
const results = new Map<string, AnalyzerResult>();

function stat(r: AnalyzerResult, metric: string, member: string, s: 'p99' | 'latest' | 'avg' | 'max'): number | null | undefined {
  return r.metrics.find((m) => m.metric === metric && m.member === member)?.stats[s];
}

describe('analyzers on the live cluster', () => {
  before(async () => {
    const seen = await waitForProm(bed.promUrl, 'count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[5m]) > 0)', (v) => v === 3);
    assert.equal(seen, 3, `all three members should have WAL fsyncs in the last 5m at ${bed.promUrl}`);
    // Judge a healthy cluster after its own start-up: the bed's start, its load writes and the test runner starting
    // keep both cores busy for the first minute, and a window of data younger than that is all start-up (the
    // standards keep start-up out of a "healthy" window). After ~3.5 minutes it is a small part of the window.
    const age = await waitForProm(bed.promUrl, 'time() - max(process_start_time_seconds{job="etcd"})', (v) => v !== undefined && v >= 210, 300_000);
    assert.ok(age !== undefined && age >= 210, `the bed's etcd members should be 210 s old (are ${age})`);
    const ctx = contextFor(bed.promUrl, bed.etcdEndpoints);
    for (const a of analyzers) results.set(a.name, await runAnalyzer(ctx, a.name, WINDOW, { record: false }));
  });

  test('the registry has the 15 analyzers', () => {
    assert.equal(analyzers.length, 15);
  });

  test('no analyzer fails; each returns the one result shape', () => {
    for (const [name, r] of results) {
      assert.notEqual(r.status, 'failed', `${name}: ${r.summary} ${JSON.stringify(r.errors.slice(0, 2))}`);
      assert.equal(r.tool, name);
      assert.ok(r.summary.length > 0, `${name} has a summary`);
      assert.ok(Array.isArray(r.metrics) && Array.isArray(r.findings) && Array.isArray(r.errors), name);
      assert.ok(Date.parse(r.range.end) > Date.parse(r.range.start), name);
    }
  });

  test('WAL fsync and backend commit p99 are finite live numbers for m1..m3', () => {
    for (const [tool, metric] of [['get_etcd_disk_wal_fsync', 'wal_fsync_duration'], ['get_etcd_disk_backend_commit', 'backend_commit_duration']]) {
      const r = results.get(tool)!;
      assert.equal(r.status, 'ok', `${tool}: ${JSON.stringify(r.errors.slice(0, 2))}`);
      for (const m of MEMBERS) {
        const v = stat(r, metric, m, 'p99');
        assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 5, `${tool} ${metric} p99 on ${m} = ${v}`);
      }
    }
  });

  test('general info sees every member with a DB size and a leader', () => {
    const r = results.get('get_etcd_general_info')!;
    for (const m of MEMBERS) {
      const size = stat(r, 'db_size_bytes', m, 'latest') ?? stat(r, 'db_size_bytes', m, 'max');
      assert.ok(typeof size === 'number' && size > 0, `db_size_bytes on ${m} = ${size}`);
      assert.equal(stat(r, 'has_leader', m, 'latest') ?? stat(r, 'has_leader', m, 'avg'), 1, `has_leader on ${m}`);
    }
  });

  test('the analyzers that judge the cluster carry a diagnosis and lead their summary with it', () => {
    for (const name of ['get_etcd_bottleneck_analysis', 'get_etcd_performance_deep_drive', 'generate_etcd_performance_report']) {
      const d = results.get(name)!.diagnosis;
      assert.ok(d, `${name} has a diagnosis`);
      assert.ok(d.headline.length > 10, name);
      assert.ok(results.get(name)!.summary.startsWith(d.headline), `${name} summary starts with the headline`);
      // A fresh bed may not have a signal yet (peer RTT needs a few probes): then it is named with a reason, and the
      // verdict is not "healthy".
      for (const u of d.unjudged) assert.ok(u.signal && u.reason.length > 10, JSON.stringify(u));
      if (d.unjudged.length) assert.notEqual(d.verdict, 'healthy', name);
      for (const i of d.incidents) assert.ok(i.headline.includes(i.member === 'cluster' ? '' : i.member), i.headline);
    }
  });

  test('a healthy cluster under light load has no critical finding', () => {
    for (const name of ['get_etcd_bottleneck_analysis', 'get_etcd_performance_deep_drive', 'generate_etcd_performance_report']) {
      const critical = results.get(name)!.findings.filter((f) => f.severity === 'critical');
      assert.deepEqual(critical.map((f) => `${f.id}: ${f.title}`), [], name);
    }
  });
});
