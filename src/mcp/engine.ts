// The MCP server's engine: the one engine (core/engine/openEngine.ts), opened once at start and shared by every tool
// call. One MetricSource for the whole process, so its concurrency cap (default 8 in-flight Prometheus queries) holds
// across parallel MCP calls; each call still gets its own collector (per-run de-duplication) and abort signal.
import * as path from 'node:path';
import type { Engine } from '../core/engine/openEngine';
import { ENV } from '../core/config/connection';

export type McpEngine = Pick<Engine, 'context' | 'description' | 'close'>;

/** Where the report tool saves: ETCD_ANALYZER_REPORT_DIR, else ./etcd-reports beside the server's working directory. */
export function mcpReportDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(env[ENV.reportDir] || 'etcd-reports');
}
