// Logger for the MCP server: stdout is the stdio protocol channel, so every log line goes to stderr.
// Level from ETCD_ANALYZER_LOG_LEVEL (trace|debug|info|warn|error|silent), default info.
import type { Logger } from '../core/util/log';
import { terminalSafe } from '../core/util/safeText';
import { redactSecrets } from '../core/util/redact';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const v = (value ?? '').trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : fallback;
}

export function createStderrLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
  name = 'etcd-analyzer-mcp',
): Logger {
  const min = LEVELS.indexOf(level);
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (LEVELS.indexOf(lvl) < min) return;
    write(`${new Date().toISOString()} [${lvl}] ${name}: ${redactSecrets(terminalSafe(message))}\n`);
  };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
