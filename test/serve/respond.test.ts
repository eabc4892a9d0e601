// Request-side limits of a run that need no data source: too many runs in flight is a 503 with Retry-After, before
// any query or stream starts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RUNS_IN_FLIGHT, respondWithRun, statusFor } from '../../src/serve/respond';
import { HttpError } from '../../src/serve/http';
import { RunTracker } from '../../src/serve/runs';
import { LatestDiagnosis } from '../../src/serve/latest';
import type { RouteContext } from '../../src/serve/router';
import type { AnalyzerResult } from '../../src/core/types';

describe('serve: run limits and answer codes', () => {
  it(`more than ${MAX_RUNS_IN_FLIGHT} runs in flight → 503 with Retry-After, nothing started`, async () => {
    const runs = new RunTracker();
    const release: (() => void)[] = [];
    const held = Array.from({ length: MAX_RUNS_IN_FLIGHT }, () => runs.track('t', 'request', () => new Promise<void>((r) => release.push(r))));
    const ctx = { deps: { runs, latest: new LatestDiagnosis() }, req: { headers: {} }, query: new URLSearchParams(), res: {}, signal: new AbortController().signal } as unknown as RouteContext;
    await assert.rejects(
      respondWithRun(ctx, 'get_etcd_cluster_status', {}, () => ({ json: null })),
      (e: unknown) => e instanceof HttpError && e.status === 503 && e.headers['Retry-After'] === '5',
    );
    for (const r of release) r();
    await Promise.all(held);
    assert.equal(runs.size, 0);
  });

  it('failed because of the input → 400; failed at the source → 502; partial and unavailable → 200', () => {
    const base = { tool: 't', title: 't', summary: 's', range: { start: '', end: '', duration: '1h', stepSeconds: 15 }, metrics: [], findings: [] } as unknown as AnalyzerResult;
    const err = (kind: string) => ({ kind, query: '', message: 'm', hint: 'h' }) as AnalyzerResult['errors'][number];
    assert.equal(statusFor({ ...base, status: 'failed', errors: [err('bad_input')] }), 400);
    assert.equal(statusFor({ ...base, status: 'failed', errors: [err('unreachable')] }), 502);
    assert.equal(statusFor({ ...base, status: 'failed', errors: [] }), 502);
    assert.equal(statusFor({ ...base, status: 'partial', errors: [err('timeout')] }), 200);
    assert.equal(statusFor({ ...base, status: 'unavailable', errors: [err('no_targets')] }), 200);
  });
});
