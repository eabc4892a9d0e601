// Flag checks the two server commands share (`etcd-analyzer mcp --http`, `etcd-analyzer serve`): a secret on the
// command line is refused before anything is parsed (it would show in `ps` to every local user), parse errors name
// the command's help, and a port is a plain number 0..65535.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../util/usageError';

/**
 * Throws when argv carries one of `flags` (with or without `=value`); `serverTokenHint` says where this server's own
 * token goes instead (e.g. "--serve-token-file / ETCD_ANALYZER_SERVE_TOKEN for this server").
 */
export function refuseSecretFlags(argv: readonly string[], flags: readonly string[], serverTokenHint: string): void {
  const secret = argv.find((a) => flags.includes(a.split('=')[0]));
  if (!secret) return;
  throw new UsageError(
    `${secret.split('=')[0]} is not accepted: a token on the command line is visible to every user in \`ps\`. ` +
      `Use --token-file / ETCD_ANALYZER_TOKEN for Prometheus, ${serverTokenHint}.`,
  );
}

/** node:util parseArgs, strict and without positionals; its errors become one usage line naming `command --help`. */
export function parseServerFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)} (see etcd-analyzer ${command} --help)`);
  }
}

/** `--port`: digits only (no hex, exponent or sign), 0..65535; 0 asks the kernel for a free port. */
export function parsePort(text: string | undefined, fallback: number): number {
  const port = text === undefined ? fallback : Number(text);
  if (!/^\d{1,5}$/.test(text ?? '0') || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--port "${String(text).slice(0, 20)}" is not a port: use a number 0..65535 (0 picks a free port)`);
  }
  return port;
}
