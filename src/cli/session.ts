// One CLI run's engine, opened the one way every face opens it (openEngine): connection from flags/env, thresholds
// (file or ETCD_ANALYZER_THRESHOLDS), optional history store, OpenShift discovery. A configuration mistake becomes
// CliError(usage), an unreachable or undiscoverable source CliError(source), with the message of the part that failed.
import type { AnalyzerContext } from '../core/analyzers/types';
import { openEngine, type Engine } from '../core/engine/openEngine';
import { silentLogger, type Logger } from '../core/util/log';
import type { CliArgs } from './args';
import { CliError, EXIT } from './exitCodes';

export interface Session {
  ctx: AnalyzerContext;
  engine: Engine;
  close(): Promise<void>;
}

export function stderrLogger(debug: boolean): Logger {
  if (!debug) return { ...silentLogger, warn: (m) => process.stderr.write(`etcd-analyzer: warning: ${m}\n`) };
  const at = (lvl: string) => (m: string) => process.stderr.write(`[${lvl}] ${m}\n`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function openSession(args: CliArgs, env: NodeJS.ProcessEnv, log: Logger): Promise<Session> {
  const opened = await openEngine({ from: { flags: args.connection, thresholdsFile: args.thresholdsFile }, env, log });
  if (!opened.ok) {
    const { error } = opened;
    if (error.kind === 'source') throw new CliError(EXIT.source, `${error.message}: ${error.hint}`);
    throw new CliError(EXIT.usage, error.hint ? `${error.message}: ${error.hint}` : error.message);
  }
  const { engine } = opened;
  return { ctx: engine.context(), engine, close: () => engine.close() };
}
