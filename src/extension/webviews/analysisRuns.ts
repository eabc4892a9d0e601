// The analyzer runs behind the views: the dashboard's analyzer (with series, for charts) and etcd's cluster status,
// in parallel. The views never send their own queries.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import { analyzerFor } from '../../core/analyzers/registry';

export interface WindowRequest {
  duration?: string;
  start?: string;
  end?: string;
}

/** Input for the deep drive: only the window (it always returns the six chart series: SERIES_KEY_METRICS). */
export function deepDriveInput(w: WindowRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['duration', 'start', 'end'] as const) if (w[k]) out[k] = w[k];
  return out;
}

export interface ViewRuns {
  deep: AnalyzerResult;
  status?: AnalyzerResult;
}

/** Runs both analyzers; `record` false for dashboard ticks so auto-refresh does not fill the history store. */
export async function runViewAnalyzers(
  services: ExtensionServices,
  w: WindowRequest,
  token: vscode.CancellationToken | undefined,
  record: boolean,
): Promise<ViewRuns> {
  const [deep, status] = await Promise.all([
    services.runAnalyzer(analyzerFor('dashboard').name, deepDriveInput(w), token, { record }),
    services.runAnalyzer(analyzerFor('cluster_status').name, {}, token, { record: false }).catch((err: unknown) => {
      services.log.warn(`cluster status for the views failed: ${String(err)}`);
      return undefined;
    }),
  ]);
  return { deep, status };
}
