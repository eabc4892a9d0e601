// A bounded background client: small puts through the JSON gateway, round-robin over the members, so a fault
// happens while clients write (a window with no write has no fsync/commit quantiles to judge).
import { put } from './etcdApi';

export interface WriterStats {
  ok: number;
  failed: number;
  lastError?: string;
}

export interface Writer {
  stats: WriterStats;
  /** Stops the loops and resolves when every request in flight has ended. */
  stop(): Promise<WriterStats>;
}

/**
 * `concurrency` loops, each one put then `pauseMs` idle, until stop() or `maxMs` (a hard bound so a forgotten
 * writer ends on its own).
 */
export function startWriter(endpoints: string[], opts: { concurrency?: number; pauseMs?: number; valueBytes?: number; maxMs: number; prefix?: string }): Writer {
  const stats: WriterStats = { ok: 0, failed: 0 };
  const value = Buffer.alloc(opts.valueBytes ?? 256, 'x');
  const deadline = Date.now() + opts.maxMs;
  let stopped = false;
  const loops: Promise<void>[] = [];
  for (let w = 0; w < (opts.concurrency ?? 1); w++) {
    loops.push(
      (async () => {
        for (let i = 0; !stopped && Date.now() < deadline; i++) {
          const e = endpoints[(i + w) % endpoints.length];
          try {
            await put(e, `${opts.prefix ?? 'faults/w'}${w}/${i % 50}`, value, 3000);
            stats.ok++;
          } catch (err) {
            stats.failed++;
            stats.lastError = (err as Error).message.slice(0, 160);
          }
          if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
        }
      })(),
    );
  }
  return {
    stats,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return stats;
    },
  };
}
