// The MCP server's engine: one connection (resolved once at start) shared by every tool call.
// One MetricSource for the whole process so its concurrency cap (default 8 in-flight Prometheus queries) holds
// across parallel MCP calls; each call still gets its own collector (per-run de-duplication) and abort signal.
import type { AnalyzerContext } from '../core/analyzers/types';
import { createContext, type EngineOptions } from '../core/context';
import { createCollector } from '../core/collect/collector';
import type { HistoryPort } from '../core/history/port';
import type { Logger } from '../core/util/log';
import { createFileReportWriter } from '../core/report/saveReport';
import * as path from 'node:path';
import { ENV } from '../core/config/connection';

/** ETCD_ANALYZER_REPORT_DIR, else ./etcd-reports beside the server's working directory. */
function reportDir(): string {
  return path.resolve(process.env[ENV.reportDir] || 'etcd-reports');
}

export interface McpEngine {
  /** A fresh per-call context over the shared source. */
  contextFor(signal?: AbortSignal): AnalyzerContext;
  /** Target description (URL without credentials), for logs and the health prompt. */
  readonly description: string;
  close(): Promise<void>;
}

export function createMcpEngine(opts: EngineOptions, log: Logger): McpEngine {
  const base = createContext({ ...opts, log });
  return {
    contextFor(signal) {
      return {
        ...base,
        collector: createCollector(base.source, base.profile, log),
        signal,
        history: opts.history,
        // The report tool saves its HTML here and returns the path to the client.
        reportWriter: createFileReportWriter(reportDir(), { meta: { cluster: base.source.description, profile: base.profile.id, thresholds: base.thresholds } }),
      };
    },
    description: base.source.description,
    async close() {
      await closeHistory(opts.history, log);
    },
  };
}

async function closeHistory(history: HistoryPort | undefined, log: Logger): Promise<void> {
  try {
    await history?.close();
  } catch (err) {
    log.warn(`closing the history store failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
