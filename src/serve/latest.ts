// The latest diagnosis seen by this process (a periodic analysis, or any REST run that carries findings): what
// /metrics exposes, so the cluster's own Prometheus and Alertmanager can alert on it.
import type { AnalyzerResult, QueryError } from '../core/types';

export interface LatestRun {
  tool: string;
  /** When the run finished (ms since epoch). */
  finishedAt: number;
  durationMs: number;
  result: AnalyzerResult;
  origin: 'request' | 'periodic';
}

export class LatestDiagnosis {
  private last?: LatestRun;
  private lastPeriodic?: LatestRun;
  /** Periodic runs that threw or failed outright (counted for a metric). */
  periodicFailures = 0;
  queryErrors = 0;

  /** Keeps a run that judged the cluster: findings from a failed call (bad input, no data) replace nothing. */
  offer(run: LatestRun): void {
    if (run.origin === 'periodic') this.lastPeriodic = run;
    this.queryErrors += run.result.errors.length;
    if (run.result.status === 'failed' || run.result.status === 'unavailable') return;
    if (!run.result.diagnosis && run.origin !== 'periodic') return;
    this.last = run;
  }

  get(): LatestRun | undefined {
    return this.last;
  }

  periodic(): LatestRun | undefined {
    return this.lastPeriodic;
  }

  errorsOfLast(): QueryError[] {
    return this.last?.result.errors ?? [];
  }
}
