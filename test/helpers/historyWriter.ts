// A separate writer process for the history crash and concurrency tests.
// Usage: node historyWriter.js FILE COUNT [TAG]   (COUNT 0 = record until killed)
// Prints "ready" once the store is open, then "ack <runId> <tag>-<n>" after each record() resolves (= durable),
// and "done" after closing when COUNT runs were written. With WAIT_GO=1 it waits for a line on stdin first.
// SNAPSHOT_EVERY=N sets the store's snapshotEveryRuns.
import { openHistoryStore } from '../../src/core/history/store';
import type { AnalyzerResult } from '../../src/core/types';

async function main(): Promise<void> {
  const [file, countArg, tag = String(process.pid)] = process.argv.slice(2);
  const count = Number(countArg ?? 0);
  // SNAPSHOT_EVERY: write the full snapshot every N journal runs (tests use a small N so kills and the other
  // writer also land on snapshots, not only on journal appends).
  const every = Number(process.env.SNAPSHOT_EVERY) || undefined;
  const store = await openHistoryStore(file, { debounceMs: 2, wasmDir: process.env.SQLJS_WASM_DIR, snapshotEveryRuns: every });
  process.stdout.write('ready\n');
  // WAIT_GO=1: start writing when the parent says "go" on stdin, so several writers really overlap.
  if (process.env.WAIT_GO === '1') await new Promise<void>((r) => process.stdin.once('data', () => r()));
  for (let n = 1; count === 0 || n <= count; n++) {
    const end = Date.now();
    const result: AnalyzerResult = {
      tool: 'get_etcd_disk_wal_fsync',
      title: 'writer',
      summary: `${tag}-${n}`,
      status: 'ok',
      range: { start: new Date(end - 3_600_000).toISOString(), end: new Date(end).toISOString(), duration: '1h', stepSeconds: 5 },
      metrics: ['m1', 'm2', 'm3'].map((member) => ({
        metric: 'wal_fsync_duration',
        title: 'WAL fsync duration',
        category: 'wal_fsync' as const,
        scope: 'member' as const,
        member,
        unit: 'seconds' as const,
        stats: { p50: n / 1e5, p99: n / 1e4 },
      })),
      findings: [],
      errors: [],
    };
    const id = await store.record(result, { cluster: tag, profile: 'generic' });
    process.stdout.write(`ack ${id} ${tag}-${n}\n`);
  }
  await store.close();
  process.stdout.write('done\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`historyWriter: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
