// Two real processes write the same history file at once: none of either's runs is lost, ids never collide.
// And a reader process that never locks sees every acknowledged run while snapshots replace the file.
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
    // Snapshots every 7 runs: each writer keeps catching up with the other's snapshots as well as its journal lines.
    writers.push(startWriter(script, file, N, 'a', { waitGo: true, snapshotEvery: 7 }), startWriter(script, file, N, 'b', { waitGo: true, snapshotEvery: 7 }));
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

test('a reader that never locks always sees every run the writer process acknowledged before its read, once', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-reader-'));
  let writer: ReturnType<typeof startWriter> | undefined;
  try {
    const script = await bundleWriter(dir);
    const file = join(dir, 'history.sqlite');
    // A snapshot every 3 runs: reads keep racing snapshot renames and journal removals, not only appends.
    const w = startWriter(script, file, 60, 'w', { snapshotEvery: 3 });
    writer = w;
    await w.ready;
    const reader = await openHistoryStore(file);
    let reads = 0;
    let sawSnapshotChange = 0;
    let lastFileBytes = -1;
    while (w.child.exitCode === null) {
      const ackedBefore = [...w.acked];
      const ids = (await reader.runs({ limit: 10_000 })).map((r) => r.id);
      reads++;
      assert.equal(new Set(ids).size, ids.length, `read ${reads}: no run twice`);
      const seen = new Set(ids);
      assert.deepEqual(ackedBefore.filter((id) => !seen.has(id)), [], `read ${reads}: acknowledged runs missing`);
      const st = await reader.stats();
      if (st.fileBytes !== lastFileBytes) sawSnapshotChange++;
      lastFileBytes = st.fileBytes;
    }
    assert.equal(await w.exited, 0, w.stderr());
    const all = await reader.runs({ limit: 10_000 });
    assert.equal(all.length, 60);
    await reader.close();
    console.log(`history reader: ${reads} reads while the writer ran, ${sawSnapshotChange} snapshot changes seen`);
    assert.ok(reads >= 5, `the reader read ${reads} times while the writer ran`);
    assert.ok(sawSnapshotChange >= 2, `the reader saw ${sawSnapshotChange} snapshots replace the file`);
  } finally {
    if (writer && writer.child.exitCode === null) writer.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
