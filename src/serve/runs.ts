// Runs in flight (tool calls, reports, periodic analyses): shown in /api/v1/status, and what a graceful shutdown
// waits for.
export interface RunInfo {
  id: number;
  tool: string;
  startedAt: string;
  /** `request` (REST) or `periodic` (--every). */
  origin: 'request' | 'periodic';
}

export class RunTracker {
  private next = 1;
  private readonly live = new Map<number, RunInfo>();
  private waiters: (() => void)[] = [];

  /** Runs `fn` as a tracked run. */
  async track<T>(tool: string, origin: RunInfo['origin'], fn: () => Promise<T>): Promise<T> {
    const id = this.next++;
    this.live.set(id, { id, tool, origin, startedAt: new Date().toISOString() });
    try {
      return await fn();
    } finally {
      this.live.delete(id);
      if (this.live.size === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  list(): RunInfo[] {
    return [...this.live.values()];
  }

  get size(): number {
    return this.live.size;
  }

  /** Resolves when no run is in flight. */
  idle(): Promise<void> {
    return this.live.size === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}
