// Parses `etcd-analyzer <command> [tool] [flags]` with node:util parseArgs. Every mistake becomes a UsageError
// whose message is one line naming what was wrong and what to type instead.
import { parseArgs } from 'node:util';
import type { ConnectionFlags } from '../core/config/connection';
import { CONNECTION_OPTIONS, connectionFlagsFrom } from '../core/config/connectionFlags';
import type { Severity } from '../core/types';
import { resolveTimeRange } from '../core/util/timeRange';
import { didYouMean } from './suggest';
import { UsageError } from '../core/util/usageError';
import { analyzerFor } from '../core/analyzers/registry';

export const COMMANDS = ['list', 'run', 'report', 'mcp', 'serve', 'help', 'version'] as const;
export type Command = (typeof COMMANDS)[number];
export const FORMATS = ['summary', 'table', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['warning', 'critical'] as const;

export interface CliArgs {
  command: Command;
  /** `run <tool>` */
  tool?: string;
  /** Everything after `mcp` / `serve`, untouched. */
  rest: string[];
  duration?: string;
  member?: string;
  start?: string;
  end?: string;
  out?: string;
  format?: Format;
  failOn?: Severity;
  thresholdsFile?: string;
  debug: boolean;
  help: boolean;
  connection: ConnectionFlags;
}

export { UsageError } from '../core/util/usageError';

const OPTIONS = {
  duration: { type: 'string' },
  member: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  thresholds: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  ...CONNECTION_OPTIONS,
} as const;

const FLAG_NAMES = Object.keys(OPTIONS).map((k) => `--${k}`);
/** A token on the command line is visible to every local user in `ps`. */
const SECRET_FLAGS = ['--token', '--bearer-token', '--password'];

export function parseCliArgs(argv: string[]): CliArgs {
  const first = argv[0];
  if (first === 'mcp') return { ...empty('mcp'), rest: argv.slice(1) };
  if (first === 'serve') return { ...empty('serve'), rest: argv.slice(1) };
  const secret = argv.find((a) => SECRET_FLAGS.includes(a.split('=')[0]));
  if (secret) {
    throw new UsageError(`${secret.split('=')[0]} is not accepted (a token on the command line shows in ps): use --token-file FILE or ETCD_ANALYZER_TOKEN`);
  }

  const { values, positionals } = parse(argv);

  if (values.version) return empty('version');
  const commandText = positionals[0] ?? (values.help ? 'help' : undefined);
  if (!commandText) throw new UsageError('no command given: use list, run <tool>, report, mcp or serve (etcd-analyzer --help)');
  if (!(COMMANDS as readonly string[]).includes(commandText)) {
    throw new UsageError(`unknown command "${commandText.slice(0, 40)}"${didYouMean(commandText, COMMANDS)} (commands: list, run, report, mcp, serve)`);
  }
  const command = commandText as Command;
  const tool = positionals[1];
  const extra = positionals.slice(command === 'run' ? 2 : 1);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0].slice(0, 40)}" after ${command}${command === 'run' ? ` ${tool}` : ''}`);
  if (command === 'run' && !tool && !values.help) throw new UsageError(`run needs a tool name: etcd-analyzer run ${analyzerFor('diagnosis').name} (etcd-analyzer list shows all)`);

  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format.slice(0, 20)}" is not supported: use summary, table, markdown or json${didYouMean(format, FORMATS)}`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on "${failOn.slice(0, 20)}" is not a level: use warning or critical`);
  }
  checkWindow(values.duration, values.start, values.end);
  if (values.member !== undefined && !values.member.trim()) throw new UsageError('--member is empty: give a member name such as m1, or leave it out');

  return {
    command,
    tool: command === 'run' ? tool : undefined,
    rest: [],
    duration: values.duration,
    member: values.member?.trim(),
    start: values.start,
    end: values.end,
    out: values.out,
    format: format as Format | undefined,
    failOn: failOn as Severity | undefined,
    thresholdsFile: values.thresholds,
    debug: values.debug === true,
    help: values.help === true || command === 'help',
    connection: connectionFlagsFrom(values),
  };
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(explainParseError(err, argv));
  }
}

/** Validates --duration/--start/--end now so a typo is a usage error before any network traffic. */
function checkWindow(duration?: string, start?: string, end?: string): void {
  if (duration === undefined && start === undefined && end === undefined) return;
  try {
    resolveTimeRange({ duration, start, end }, new Date());
  } catch (err) {
    const flag = duration !== undefined && !(start && end) ? '--duration' : '--start/--end';
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

function explainParseError(err: unknown, argv: readonly string[] = []): string {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const name = /'(-{1,2}[^'\s=]+)/.exec(msg)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${name}${didYouMean(name, FLAG_NAMES)} (etcd-analyzer --help lists them)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // `--duration -5m`: the value looks like a flag. Say so, rather than "takes no value".
      if (/ambiguous/.test(msg)) {
        const value = String(argv[argv.indexOf(name) + 1] ?? '').slice(0, 40);
        const positive = name === '--duration' ? ' (durations are positive, e.g. --duration 5m)' : name === '--max-reply-mb' ? ' (a positive number of MiB, e.g. 64)' : '';
        return `${name} ${value}: a value starting with "-" is read as a flag${positive}; if you mean it, write ${name}=${value}`;
      }
    }
      return /argument missing/.test(msg) ? `${name} needs a value, e.g. ${name}=${example(name)}` : `${name} takes no value: write just ${name}`;
    default:
      return msg.split('\n')[0];
  }
}

function example(flag: string): string {
  const examples: Record<string, string> = { '--duration': '1h', '--format': 'json', '--fail-on': 'warning', '--prometheus': 'http://127.0.0.1:9090', '--member': 'm1' };
  return examples[flag] ?? 'VALUE';
}

function empty(command: Command): CliArgs {
  return { command, rest: [], debug: false, help: false, connection: {} };
}
