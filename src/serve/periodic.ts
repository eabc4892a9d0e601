// `--every 5m`: the diagnosis on a timer, so /metrics always carries a recent verdict for the cluster's own
// Prometheus to scrape and alert on. One run at a time: the next starts `every` after the previous one ended
// (a slow Prometheus stretches the period instead of stacking runs). Stopping aborts a run in flight.
import { analyzerFor } from '../core/analyzers/registry';
import type { ServeDeps } from './deps';
import { runTool } from './runTool';

export interface Periodic {
  stop(): Promise<void>;
}

export function startPeriodic(deps: ServeDeps, opts: { everyMs: number; window?: string; firstDelayMs?: number }): Periodic {
  const tool = analyzerFor('diagnosis').name;
  const window = opts.window ?? (opts.everyMs > 15 * 60_000 ? `${Math.round(opts.everyMs / 60_000)}m` : '15m');
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const ac = new AbortController();

  const tick = () => {
    if (stopped) return;
    running = runTool(deps, tool, { duration: window }, { origin: 'periodic', signal: ac.signal })
      .then((r) => {
        if (r.status === 'failed') deps.latest.periodicFailures++;
      })
      .catch((err: unknown) => {
        deps.latest.periodicFailures++;
        deps.log.error(`periodic ${tool} failed: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, opts.everyMs);
      });
  };
  timer = setTimeout(tick, opts.firstDelayMs ?? 0);
  deps.log.info(`periodic ${tool} every ${Math.round(opts.everyMs / 1000)} s over the last ${window}`);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      ac.abort(new Error('the server is stopping'));
      await running;
    },
  };
}
