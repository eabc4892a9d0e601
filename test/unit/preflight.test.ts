// The CLI's preflight looks for etcd targets in the analysed window, not at "now": a past incident is analysed from
// what was scraped then (a recorded week on the bench fixture ended yesterday, and the preflight said "no etcd
// targets" for it). The fake source records the query and its evaluation time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preflight } from '../../src/cli/preflight';
import { CliError, EXIT } from '../../src/cli/exitCodes';
import type { AnalyzerContext } from '../../src/core/analyzers/types';

function fakeCtx(answer: { member: string }[]) {
  const asked: { query: string; time: Date }[] = [];
  const ctx = {
    source: {
      description: 'Prometheus http://127.0.0.1:1',
      instant: async (query: string, time: Date) => {
        asked.push({ query, time });
        return answer.map((a) => ({ labels: { job: 'etcd', member: a.member }, value: 1, timestamp: time.getTime() / 1000 }));
      },
    },
    profile: { etcdMatchers: () => 'job="etcd"', memberOf: (l: Record<string, string>) => l.member },
    now: () => new Date('2026-12-01T12:00:00Z'),
  } as unknown as AnalyzerContext;
  return { ctx, asked };
}

test('the targets are looked up over the analysed window, evaluated at its end', async () => {
  const { ctx, asked } = fakeCtx([{ member: 'm2' }, { member: 'm1' }]);
  const members = await preflight(ctx, { start: '2026-11-23T21:44:06Z', end: '2026-11-30T21:44:06Z' });
  assert.deepEqual(members, ['m1', 'm2']);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].query, 'last_over_time(up{job="etcd"}[604800s])');
  assert.equal(asked[0].time.toISOString(), '2026-11-30T21:44:06.000Z');
});

test('a window of seconds still looks back at least five minutes (the last scrape before it)', async () => {
  const { ctx, asked } = fakeCtx([{ member: 'm1' }]);
  await preflight(ctx, { start: '2026-11-30T21:44:00Z', end: '2026-11-30T21:44:30Z' });
  assert.equal(asked[0].query, 'last_over_time(up{job="etcd"}[300s])');
});

test('no targets in the window: exit 3 naming the selector, the window and what to change', async () => {
  const { ctx } = fakeCtx([]);
  await assert.rejects(preflight(ctx, { start: '2026-11-30T20:00:00Z', end: '2026-11-30T21:00:00Z' }), (err: unknown) => {
    assert.ok(err instanceof CliError);
    assert.equal(err.code, EXIT.source);
    assert.match(err.message, /up\{job="etcd"\} from 2026-11-30T20:00:00Z to 2026-11-30T21:00:00Z/);
    assert.match(err.message, /--start\/--end/);
    return true;
  });
});

test('a --member not in the window: exit 2 listing the members the window has', async () => {
  const { ctx } = fakeCtx([{ member: 'm1' }, { member: 'm2' }]);
  await assert.rejects(preflight(ctx, { start: '2026-11-30T20:00:00Z', end: '2026-11-30T21:00:00Z' }, 'm3'), (err: unknown) => {
    assert.ok(err instanceof CliError);
    assert.equal(err.code, EXIT.usage);
    assert.match(err.message, /unknown member "m3".*in this window: m1, m2/);
    return true;
  });
});
