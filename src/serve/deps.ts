// What every route handler shares in one serve process: the one engine (one Prometheus source, so its query cap
// holds across requests), the log, the runs in flight and the latest diagnosis for /metrics.
import type { Engine } from '../core/engine/openEngine';
import type { Logger } from '../core/util/log';
import type { RunTracker } from './runs';
import type { LatestDiagnosis } from './latest';

export interface ServeDeps {
  engine: Pick<Engine, 'context' | 'description' | 'history' | 'historyFile' | 'options' | 'warnings'>;
  log: Logger;
  version: string;
  startedAt: Date;
  runs: RunTracker;
  latest: LatestDiagnosis;
  /** The periodic analysis interval in ms (`--every`), undefined when off. */
  everyMs?: number;
}
