// The order of work on one store: record() calls batched over a short window (one lock, one journal append and one
// fsync for the whole batch, each call still resolving only once its run is durable), and a serial queue so that
// everything touching the in-memory image runs one at a time, in order. close() lives here because it is a
// question of order: refuse new records at once, flush what was accepted, let queued work finish, then release.
import type { PendingRun } from './recordRun';
import type { Logger } from '../util/log';

interface Waiting extends PendingRun {
  resolve(id: number): void;
  reject(err: unknown): void;
}

export interface WriteQueueOptions {
  file: string;
  debounceMs: number;
  log: Logger;
  /** The acknowledged write of one batch: resolves with the run ids once durable. */
  persist(batch: PendingRun[]): Promise<number[]>;
  /** Runs in the queue right after a batch is acknowledged (housekeeping such as a due snapshot). */
  afterPersist(): void;
}

export class WriteQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  /** close() was called: new work is refused. */
  closed = false;
  /** Set in the queue when the store is released: work queued after close() finds it and fails clearly. */
  private released = false;

  constructor(private readonly opts: WriteQueueOptions) {}

  /** Everything that touches the image runs one at a time, in order; a failure does not stop what follows. */
  serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const p = this.queue.then(fn, fn);
    this.queue = p.catch(() => undefined);
    return p;
  }

  closedError(): Promise<never> {
    return Promise.reject(new Error(`the history store (${this.opts.file}) is closed`));
  }

  /** Queued work that needs the store: it may have been released by a close() queued before it. */
  whileOpen<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(() => (this.released ? this.closedError() : fn()));
  }

  /** One run to record: resolves with its id once the batch holding it is durable. `make` runs only if open. */
  add(make: () => PendingRun): Promise<number> {
    if (this.closed) return this.closedError();
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ ...make(), resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.opts.debounceMs);
    });
  }

  /** Writes the pending batch now; resolves when it (and everything queued before) is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return this.queue.then(() => undefined);
    const { file, log, persist, afterPersist } = this.opts;
    return this.serial(async () => {
      try {
        const ids = await persist(batch);
        batch.forEach((w, i) => w.resolve(ids[i]));
      } catch (err) {
        const e = new Error(`history: ${batch.length} run(s) could not be saved to ${file}: ${(err as Error).message}`);
        log.error(e.message);
        batch.forEach((w) => w.reject(e));
        return;
      }
      afterPersist();
    });
  }

  /**
   * Closed before the final flush: a record() arriving meanwhile is refused at once instead of arming a timer that
   * would fire after the database is gone. Every record() accepted before is in that flush; then `wrapUp` (a final
   * snapshot), then `release` in the queue, so whatever was queued before (a snapshot() or maintain()) finishes first.
   */
  close(wrapUp: () => Promise<void>, release: () => void): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      await this.flush();
      await wrapUp();
      await this.serial(() => {
        release();
        this.released = true;
      });
    })();
    return this.closing;
  }
}
