// Bad user input: threshold overrides (schema-validated: one message, exit 2), windows and times, URLs, and the
// history-only tool without a Prometheus URL. Each case asserts the exit code and the words of the message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, promFlags, tempDir } from './harness';

let prom: FakePrometheus;
const tmp = tempDir('etcd-badinput-inputs-');
before(async () => {
  prom = await startFakePrometheus();
});
after(async () => {
  await prom?.close();
  tmp.remove();
});
const WAL = 'get_etcd_disk_wal_fsync';

describe('thresholds: one clear error, exit 2', () => {
  const CASES: [string, unknown, RegExp][] = [
    ['a misspelt key', { walFsyncP99Secnds: { warning: 0.02 } }, /unknown key "walFsyncP99Secnds" \(did you mean walFsyncP99Seconds\?\)/],
    ['a negative value', { cpuPercent: { warning: -5 } }, /cpuPercent\.warning must not be negative/],
    ['a string value', { walFsyncP99Seconds: { critical: '1s' } }, /walFsyncP99Seconds\.critical must be a number/],
    ['warning above critical', { walFsyncP99Seconds: { warning: 2 } }, /walFsyncP99Seconds: warning 2 is above critical 1/],
    ['a number where a level is expected', { memoryPercent: 80 }, /memoryPercent must be an object like/],
    ['an unknown level field', { iowaitPercent: { warn: 5 } }, /iowaitPercent has unknown key "warn" \(only warning and critical\)/],
    ['outlierFactor of 1', { outlierFactor: 1 }, /outlierFactor must be a number above 1/],
    ['an array', [1, 2], /must be a JSON object/],
    ['several problems at once', { cpuPercent: { warning: -1 }, leaderChanges: { warning: 9 } }, /cpuPercent\.warning must not be negative; .*leaderChanges: warning 9 is above critical 4|leaderChanges/],
  ];
  for (const [name, value, pattern] of CASES) {
    test(`--thresholds with ${name}`, async () => {
      const file = join(tmp.dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(value));
      const r = await cli(['run', WAL, ...promFlags(prom.url), '--thresholds', file]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    });
  }
  test('ETCD_ANALYZER_THRESHOLDS is validated the same way', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url)], { ETCD_ANALYZER_THRESHOLDS: '{"dbQuotaPercent":{"warning":99}}' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^etcd-analyzer: ETCD_ANALYZER_THRESHOLDS: dbQuotaPercent: warning 99 is above critical 95/);
  });
  test('valid overrides are accepted and used', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'json'], { ETCD_ANALYZER_THRESHOLDS: '{"walFsyncP99Seconds":{"warning":0.001,"critical":0.002}}' });
    assert.equal(r.code, 0, r.stderr);
    assert.ok((JSON.parse(r.stdout) as { findings: { severity: string }[] }).findings.some((f) => f.severity === 'critical'), 'the fake 4 ms fsync is critical at a 2 ms level');
  });
});

describe('windows, times and URLs', () => {
  const CASES: [string, string[], number, RegExp][] = [
    ['--duration -5m', ['--duration', '-5m'], 2, /--duration -5m: a value starting with "-" is read as a flag \(durations are positive, e\.g\. --duration 5m\)/],
    ['--duration=-5m', ['--duration=-5m'], 2, /--duration/],
    ['--duration 0s', ['--duration', '0s'], 2, /--duration/],
    ['--duration 99y', ['--duration', '99y'], 2, /--duration/],
    ['--end with a huge epoch', ['--end', '99999999999999999'], 2, /end "99999999999999999" is too far from now to be a time/],
    ['--start after --end', ['--start', '2024-05-02T00:00:00Z', '--end', '2024-05-01T00:00:00Z'], 2, /must be before end/],
    ['--start that is not a time', ['--start', 'yesterday', '--end', '2024-05-01T00:00:00Z'], 2, /start "yesterday" is not a time/],
    ['--format yaml', ['--format', 'yaml'], 2, /format/],
    ['--fail-on panic', ['--fail-on', 'panic'], 2, /fail-on/],
  ];
  for (const [name, extra, code, pattern] of CASES) {
    test(name, async () => {
      const r = await cli(['run', WAL, ...promFlags(prom.url), ...extra]);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /takes no value|Invalid time value/);
    });
  }

  test('https:// against a plain-HTTP server says so (not a certificate problem)', async () => {
    const srv: Server = createServer((_q, s) => s.end('plain'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const port = (srv.address() as { port: number }).port;
      const r = await cli(['run', WAL, '--prometheus', `https://127.0.0.1:${port}`]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /answered in plain HTTP, not TLS/);
      assert.match(r.stderr, new RegExp(`use http://127\\.0\\.0\\.1:${port}`));
      assert.doesNotMatch(r.stderr, /certificate/i);
    } finally {
      srv.closeAllConnections();
      srv.close();
    }
  });
  test('a ftp:// URL is a usage error', async () => {
    const r = await cli(['run', WAL, '--prometheus', 'ftp://127.0.0.1/']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must use http or https/);
  });
  test('a refused connection is exit 3 naming the URL', async () => {
    const r = await cli(['run', WAL, '--prometheus', 'http://127.0.0.1:1']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot connect to http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  });
});

describe('history-only tools need no Prometheus URL', () => {
  test('get_etcd_history_trends without --prometheus reads the history file (all clusters)', async () => {
    const history = join(tmp.dir, 'h.sqlite');
    const rec = await cli(['run', WAL, ...promFlags(prom.url), '--history', history]);
    assert.equal(rec.code, 0, rec.stderr);
    const r = await cli(['run', 'get_etcd_history_trends', '--history', history, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { status: string; series: unknown[] };
    assert.notEqual(res.status, 'failed');
    assert.ok(res.series.length > 0, 'the recorded run is found without a URL');
  });
  test('other tools still need one', async () => {
    const r = await cli(['run', WAL]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no Prometheus URL/);
  });
});
