// One CLI run's engine, opened the one way every face opens it (openEngine): connection from flags/env, thresholds
// (file or ETCD_ANALYZER_THRESHOLDS), optional history store, OpenShift discovery. A configuration mistake becomes
// CliError(usage), an unreachable or undiscoverable source CliError(source), with the message of the part that failed.
import type { AnalyzerContext } from '../core/analyzers/types';
import { needsPrometheus } from '../core/analyzers/registry';
import { openEngine, type Engine } from '../core/engine/openEngine';
import { silentLogger, type Logger } from '../core/util/log';
import { terminalSafe } from '../core/util/safeText';
import type { CliArgs } from './args';
import { CliError, EXIT } from './exitCodes';

export interface Session {
  ctx: AnalyzerContext;
  engine: Engine;
  close(): Promise<void>;
}

export function stderrLogger(debug: boolean): Logger {
  if (!debug) return { ...silentLogger, warn: (m) => process.stderr.write(`etcd-analyzer: warning: ${terminalSafe(m)}\n`) };
  const at = (lvl: string) => (m: string) => process.stderr.write(`[${lvl}] ${terminalSafe(m)}\n`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function openSession(args: CliArgs, env: NodeJS.ProcessEnv, log: Logger): Promise<Session> {
  const opened = await openEngine({
    // Analyzers that read only the history file need no Prometheus URL (trends then cover every recorded cluster).
    from: { flags: args.connection, thresholdsFile: args.thresholdsFile, urlOptional: !!args.tool && !needsPrometheus(args.tool) },
    env,
    log,
  });
  if (!opened.ok) {
    const { error } = opened;
    if (error.kind === 'source') throw new CliError(EXIT.source, `${error.message}: ${error.hint}`);
    throw new CliError(EXIT.usage, error.hint ? `${error.message}: ${error.hint}` : error.message);
  }
  const { engine } = opened;
  return { ctx: engine.context(), engine, close: () => engine.close() };
}
