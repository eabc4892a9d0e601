// The CLI as a user runs it: exit codes and one clear stderr line for each kind of bad input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { AnalyzerResult } from '../../src/core/types';
import { liveBed } from '../helpers/testbed';

const ROOT = resolve(__dirname, '../..');
const bed = liveBed();
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Clean environment for ETCD_ANALYZER_*: flags only, so a developer's settings cannot change the outcome.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ETCD_ANALYZER_')));
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env, maxBuffer: 32 << 20 });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `exactly one stderr line, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  return lines[0];
}

const live = ['--prometheus', bed.promUrl, '--etcd-endpoints', bed.etcdEndpoints.join(',')];

describe('etcd-analyzer CLI', () => {
  test('unreachable Prometheus: exit 3 and one line saying so', async () => {
    const r = await cli('run', 'get_etcd_disk_wal_fsync', '--prometheus', 'http://127.0.0.1:1');
    assert.equal(r.code, 3);
    assert.match(oneLine(r.stderr), /127\.0\.0\.1:1.*unreachable/i);
    assert.equal(r.stdout, '');
  });

  test('bad duration: exit 2, names the value and the expected form', async () => {
    const r = await cli('run', 'get_etcd_disk_wal_fsync', '--duration', '5x', ...live);
    assert.equal(r.code, 2);
    assert.match(oneLine(r.stderr), /--duration: "5x" is not a duration.*1h/);
  });

  test('unknown tool: exit 2 with a suggestion', async () => {
    const r = await cli('run', 'get_etcd_bottleneck_analysys', ...live);
    assert.equal(r.code, 2);
    assert.match(oneLine(r.stderr), /unknown tool "get_etcd_bottleneck_analysys"; did you mean get_etcd_bottleneck_analysis\?/);
  });

  test('no etcd targets: exit 3 naming the selector used', async () => {
    const r = await cli('run', 'get_etcd_general_info', '--prometheus', bed.promUrl, '--etcd-selector', 'job="no-such-etcd"');
    assert.equal(r.code, 3);
    assert.match(oneLine(r.stderr), /no etcd targets.*up\{job="no-such-etcd"\}/);
  });

  test('a window from before the bed was scraped: exit 3 naming that window, not "now"', async () => {
    const r = await cli('run', 'get_etcd_general_info', '--start', '2020-01-01T00:00:00Z', '--end', '2020-01-01T01:00:00Z', ...live);
    assert.equal(r.code, 3);
    assert.match(oneLine(r.stderr), /no etcd targets.*from 2020-01-01T00:00:00\.000Z to 2020-01-01T01:00:00\.000Z/);
  });

  test('unknown member: exit 2 listing the members', async () => {
    const r = await cli('run', 'get_etcd_general_info', '--member', 'm9', ...live);
    assert.equal(r.code, 2);
    assert.match(oneLine(r.stderr), /unknown member "m9".*m1, m2, m3/);
  });

  test('--format json prints exactly the AnalyzerResult of the tool', async () => {
    const r = await cli('run', 'get_etcd_disk_wal_fsync', '--duration', '5m', '--format', 'json', ...live);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as AnalyzerResult;
    assert.equal(json.tool, 'get_etcd_disk_wal_fsync');
    assert.deepEqual(
      Object.keys(json).filter((k) => ['tool', 'title', 'summary', 'status', 'range', 'metrics', 'findings', 'errors'].includes(k)).sort(),
      ['errors', 'findings', 'metrics', 'range', 'status', 'summary', 'title', 'tool'],
    );
    assert.ok(json.metrics.some((m) => m.metric === 'wal_fsync_duration' && m.member === 'm1'));
  });

  test('run leads with the answer by default: the diagnosis on line 1, key metrics, the per-member table only with --format table', async () => {
    const r = await cli('run', 'get_etcd_bottleneck_analysis', '--duration', '5m', ...live);
    assert.equal(r.code, 0, r.stderr);
    const first = r.stdout.split('\n')[0];
    // The live bed's verdict depends on the machine (an idle bed is healthy; a busy one reads CPU-saturated).
    assert.match(first, /^(Critical|Warning|Degraded) — .+ on .+: .*\d|^Healthy over 5m: no cause found|^Cannot judge the cluster over 5m/);
    assert.match(r.stdout, /\nKEY METRICS AGAINST THRESHOLDS\n +METRIC +WORST VALUE +WHERE +HEALTHY TARGET +ALERT LEVEL +VERDICT\n +WAL fsync p99 +\S+ (ms|µs|s) /);
    assert.match(r.stdout, /--format table/);
    assert.doesNotMatch(r.stdout, /METRIC\s+MEMBER\s+VALUES/);
    const t = await cli('run', 'get_etcd_bottleneck_analysis', '--duration', '5m', '--format', 'table', ...live);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout.split('\n')[0], /^DIAGNOSIS: /);
    assert.match(t.stdout, /METRIC\s+MEMBER\s+VALUES/);
    for (const m of ['m1', 'm2', 'm3']) assert.match(t.stdout, new RegExp(`\\nWAL fsync latency +${m}\\b[^\\n]*p99 `), `${m} in the full table`);
    assert.ok(r.stdout.length < t.stdout.length / 2, `summary ${r.stdout.length} chars, table ${t.stdout.length}`);
  });

  test('list shows all 15 tools; --format json includes input schemas', async () => {
    const r = await cli('list', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const tools = JSON.parse(r.stdout) as { name: string; inputSchema: { properties?: Record<string, unknown> } }[];
    assert.equal(tools.length, 15);
    assert.ok(tools.every((t) => t.inputSchema.properties && 'duration' in t.inputSchema.properties), 'every tool takes a duration');
  });
});
