// Big answers: a reply larger than the cap (default 64 MiB, --max-reply-mb / ETCD_ANALYZER_MAX_REPLY_MB) is a clear
// error, counted after decompression so a gzip bomb stops at the cap; one oversized query among good ones leaves a
// partial result; thousands of members complete with bounded memory and a bounded summary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, promFlags } from './harness';
import type { AnalyzerResult } from '../../src/core/types';

let prom: FakePrometheus;
before(async () => {
  prom = await startFakePrometheus();
});
after(async () => prom?.close());

const WAL = 'get_etcd_disk_wal_fsync';
const MiB = 1024 * 1024;

describe('reply size cap', () => {
  test('a 3 MiB reply with --max-reply-mb 2: exit 3 naming the cap', async () => {
    prom.set({ kind: 'huge', bytes: 3 * MiB });
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--max-reply-mb', '2']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /larger than 2 MiB \(after decompression\)/);
    assert.match(r.stderr, /--max-reply-mb/);
  });

  test('ETCD_ANALYZER_MAX_REPLY_MB sets the cap too', async () => {
    prom.set({ kind: 'huge', bytes: 3 * MiB });
    const r = await cli(['run', WAL, ...promFlags(prom.url)], { ETCD_ANALYZER_MAX_REPLY_MB: '1' });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /larger than 1 MiB/);
  });

  test('a gzip bomb (100 MiB inflated from ~100 KB) stops at the default 64 MiB cap', async () => {
    prom.set({ kind: 'huge', bytes: 100 * MiB, gzip: true });
    const r = await cli(['run', WAL, ...promFlags(prom.url)]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /larger than 64 MiB \(after decompression\)/);
  });

  test('a gzip reply under the cap is read whole (then judged on its content)', async () => {
    prom.set({ kind: 'huge', bytes: 2 * MiB, gzip: true });
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--max-reply-mb', '4']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /no etcd targets/, 'the empty answer was parsed, not refused for size');
  });

  test('one oversized metric query: the run is partial, the rest is kept', async () => {
    prom.set({ kind: 'huge', bytes: 2 * MiB }, /wal_fsync_duration_seconds_bucket/);
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--max-reply-mb', '1', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as AnalyzerResult;
    assert.equal(json.status, 'partial');
    assert.ok(json.errors.some((e) => e.kind === 'bad_response' && /larger than 1 MiB/.test(e.message)), JSON.stringify(json.errors));
    assert.ok(json.metrics.length > 0, 'other metrics kept');
    assert.match(r.stderr, /results are partial/);
  });

  for (const bad of ['0', 'abc', '=-5', '99999']) {
    test(`--max-reply-mb ${bad} is a usage error`, async () => {
      prom.set({ kind: 'none' });
      const r = await cli(['run', WAL, ...promFlags(prom.url), ...(bad.startsWith('=') ? [`--max-reply-mb${bad}`] : ['--max-reply-mb', bad])]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /must be a number of MiB between 1 and 4096/);
    });
  }
});

describe('3,000 members', () => {
  let big: FakePrometheus;
  const members = Array.from({ length: 3000 }, (_, i) => `member-${String(i).padStart(4, '0')}`);
  before(async () => {
    big = await startFakePrometheus({ members });
  });
  after(async () => big?.close());

  test('bottleneck analysis completes: no stack overflow, bounded summary and memory', async () => {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    try {
      const r = await cli(['run', 'get_etcd_bottleneck_analysis', ...promFlags(big.url), '--duration', '15m', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr.slice(0, 500));
      const json = JSON.parse(r.stdout) as AnalyzerResult;
      assert.equal(json.status, 'ok', JSON.stringify(json.errors).slice(0, 500));
      assert.ok(!/call stack/i.test(r.stdout + r.stderr));
      assert.ok(json.summary.length <= 1000, `summary is ${json.summary.length} chars`);
      const members = new Set(json.metrics.map((m) => m.member));
      assert.ok(members.size >= 3000, `${members.size} members in the metrics`);
    } finally {
      clearInterval(timer);
    }
    assert.ok(peak < 1500 * MiB, `peak RSS ${Math.round(peak / MiB)} MiB`);
  });

  test('general info lists the first members and says how many more (bounded summary)', async () => {
    const r = await cli(['run', 'get_etcd_general_info', ...promFlags(big.url), '--duration', '15m', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
    const json = JSON.parse(r.stdout) as AnalyzerResult;
    assert.ok(json.summary.length <= 2100, `summary is ${json.summary.length} chars`);
    assert.match(json.summary, /… and 2988 more/);
  });
});
