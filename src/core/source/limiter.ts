// A counting semaphore: at most `limit` tasks hold a slot; the rest wait in FIFO order. Tracks peak use.
export interface Limiter {
  /** Resolves with a release function once a slot is free; rejects if `signal` aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly peak: number;
  readonly waiting: number;
}

export function createLimiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit) || 1);
  let active = 0;
  let peak = 0;
  const queue: { grant: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];

  const take = (): (() => void) => {
    active++;
    peak = Math.max(peak, active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      const next = queue.shift();
      if (next) next.grant();
    };
  };

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < max) return Promise.resolve(take());
      return new Promise((resolve, reject) => {
        const entry: (typeof queue)[number] = {
          grant: () => {
            if (entry.onAbort) signal?.removeEventListener('abort', entry.onAbort);
            resolve(take());
          },
          reject,
          signal,
        };
        if (signal) {
          entry.onAbort = () => {
            const i = queue.indexOf(entry);
            if (i >= 0) queue.splice(i, 1);
            reject(signal.reason);
          };
          signal.addEventListener('abort', entry.onAbort, { once: true });
        }
        queue.push(entry);
      });
    },
    get active() {
      return active;
    },
    get peak() {
      return peak;
    },
    get waiting() {
      return queue.length;
    },
  };
}
