// Two real processes write the same history file at once: none of either's runs is lost, ids never collide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../../src/core/history/store';
import { bundleWriter, startWriter } from '../helpers/historyProcess';

const N = 40;

test(`two writer processes, ${N} runs each, same file: all ${2 * N} runs present`, { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-concurrent-'));
  const writers: ReturnType<typeof startWriter>[] = [];
  try {
    const script = await bundleWriter(dir);
    const file = join(dir, 'history.sqlite');
    writers.push(startWriter(script, file, N, 'a', { waitGo: true }), startWriter(script, file, N, 'b', { waitGo: true }));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    const codes = await Promise.all(writers.map((w) => w.exited));
    assert.deepEqual(codes, [0, 0], writers.map((w) => w.stderr()).join('\n'));
    assert.deepEqual(writers.map((w) => w.acked.length), [N, N]);

    const store = await openHistoryStore(file);
    const runs = await store.runs({ limit: 10_000 });
    const a = await store.runs({ cluster: 'a', limit: 10_000 });
    const b = await store.runs({ cluster: 'b', limit: 10_000 });
    await store.close();
    assert.equal(runs.length, 2 * N);
    assert.equal(new Set(runs.map((r) => r.id)).size, 2 * N, 'ids are unique across processes');
    assert.equal(a.length, N);
    assert.equal(b.length, N);
    const ids = new Set(runs.map((r) => r.id));
    assert.deepEqual(writers.flatMap((w) => w.acked).filter((id) => !ids.has(id)), []);
    // The writes really interleaved (otherwise this test proves nothing about concurrency).
    const order = runs.map((r) => r.cluster).reverse().join('');
    assert.ok(/ab|ba/.test(order) && !/^a+b+$|^b+a+$/.test(order), `writes interleaved: ${order}`);
  } finally {
    for (const w of writers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
