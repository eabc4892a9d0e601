// Faults on a private bed (port offset 2000): a stopped member and a NOSPACE alarm must be named by the findings.
// Everything started here is stopped in `after`, also when a test fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import type { AnalyzerResult, Finding } from '../../src/core/types';
import { startTestbed, type Testbed } from '../helpers/testbed';
import { contextFor, etcdGateway, waitForProm } from '../helpers/prom';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
let bed: Testbed;

async function bottlenecks(): Promise<AnalyzerResult> {
  return runAnalyzer(contextFor(bed.promUrl, bed.etcdEndpoints), 'get_etcd_bottleneck_analysis', { duration: '5m' }, { record: false });
}

function text(f: Finding): string {
  return JSON.stringify(f);
}

describe('faults on a private test bed', () => {
  before(async () => {
    bed = await startTestbed({ offset: 2000 });
    const load = await bed.load(200);
    assert.ok(load.ok, load.output);
    const seen = await waitForProm(bed.promUrl, 'count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[1m]) > 0)', (v) => v === 3);
    assert.equal(seen, 3, 'Prometheus scraped the load on all members');
  });

  after(async () => {
    await bed?.stop();
  });

  test('a stopped member gets an availability finding naming it (engine and CLI)', async () => {
    await bed.stopMember('m2');
    const up = await waitForProm(bed.promUrl, 'up{job="etcd",member="m2"}', (v) => v === 0);
    assert.equal(up, 0, 'Prometheus sees m2 down');

    const r = await bottlenecks();
    const availability = r.findings.filter((f) => f.category === 'availability');
    assert.ok(availability.some((f) => f.member === 'm2'), `availability findings: ${availability.map(text).join('\n')}`);
    assert.ok(!availability.some((f) => f.member === 'm1' || f.member === 'm3'), 'only the stopped member is named');

    // The CLI's JSON is the same result shape; --fail-on warning turns the finding into exit code 1.
    const cli = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', 'get_etcd_bottleneck_analysis', '--format', 'json', '--duration', '5m',
        '--fail-on', 'warning', '--prometheus', bed.promUrl, '--etcd-endpoints', bed.etcdEndpoints.join(',')],
      { cwd: ROOT, env: { ...process.env, ETCD_ANALYZER_PROMETHEUS_URL: '' }, maxBuffer: 32 << 20 },
    ).then(
      (ok) => ({ code: 0, ...ok }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    assert.equal(cli.code, 1, cli.stderr);
    const json = JSON.parse(cli.stdout) as AnalyzerResult;
    assert.equal(json.tool, 'get_etcd_bottleneck_analysis');
    assert.ok(json.findings.some((f) => f.category === 'availability' && f.member === 'm2'), cli.stdout.slice(0, 2000));

    await bed.startMember('m2');
    const back = await waitForProm(bed.promUrl, 'up{job="etcd",member="m2"}', (v) => v === 1);
    assert.equal(back, 1, 'm2 is back');
  });

  test('a member restarted with a quota below its DB size raises NOSPACE, and a quota finding names it', async () => {
    const m3 = bed.members.find((m) => m.name === 'm3')!;
    const status = await etcdGateway<{ dbSize: string }>(m3.clientUrl, '/v3/maintenance/status');
    const quota = Math.floor(Number(status.dbSize) / 2);
    assert.ok(quota > 0, `m3 DB size ${status.dbSize}`);

    await bed.stopMember('m3');
    await bed.startMember('m3', `--quota-backend-bytes=${quota}`);
    const load = await bed.load(8, { endpoints: [m3.clientUrl] });
    assert.equal(load.ok, false, 'puts through m3 are refused once over quota');
    assert.match(load.output, /NOSPACE|space exceeded/i);
    const alarms = await etcdGateway<{ alarms?: { alarm?: string }[] }>(m3.clientUrl, '/v3/maintenance/alarm', { action: 'GET' });
    assert.ok(alarms.alarms?.some((a) => a.alarm === 'NOSPACE'), JSON.stringify(alarms));
    await waitForProm(bed.promUrl, 'sum(increase(grpc_server_handled_total{job="etcd",grpc_code="ResourceExhausted"}[1m]))', (v) => (v ?? 0) > 0, 30_000);

    const r = await bottlenecks();
    const quotaFindings = r.findings.filter((f) => f.category === 'quota');
    assert.ok(quotaFindings.some((f) => /NOSPACE/.test(text(f))), `quota findings: ${quotaFindings.map(text).join('\n') || 'none'}; all: ${r.findings.map((f) => f.id).join(', ')}`);

    // Recover: normal quota, disarm, and a put goes through again.
    await bed.stopMember('m3');
    await bed.startMember('m3');
    await run('etcdctl', ['--endpoints', bed.etcdEndpoints.join(','), 'alarm', 'disarm'], { env: { ...process.env, ETCDCTL_API: '3' } });
    const after = await bed.load(4);
    assert.ok(after.ok, `writes work after recovery: ${after.output}`);
  });
});
