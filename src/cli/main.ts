// `etcd-analyzer` entry point (bundled to dist/cli.js). Dispatches commands; turns every expected failure into
// one stderr line and an exit code (see exitCodes.ts). Stack traces only with --debug.
import { version } from '../../package.json';
import { parseCliArgs, UsageError, type CliArgs } from './args';
import { listCommand } from './commands/list';
import { runCommand } from './commands/run';
import { CliError, EXIT } from './exitCodes';
import { processIo, type CliIo } from './io';
import { CLI_USAGE } from './usage';
import { terminalSafe } from '../core/util/safeText';

/** Unexpected failure (a bug): distinct from the documented codes 0..3. */
const EXIT_INTERNAL = 4;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let args: CliArgs | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(CLI_USAGE);
      return EXIT.ok;
    }
    switch (args.command) {
      case 'version':
        io.stdout(`${version}\n`);
        return EXIT.ok;
      case 'list':
        return listCommand(args, io);
      case 'mcp':
        return await runMcp(args.rest, io);
      case 'serve':
        return await runServe(args.rest, io);
      default:
        return await runCommand(args, io);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`etcd-analyzer: ${terminalSafe(err.message)}\n`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      io.stderr(`etcd-analyzer: ${terminalSafe(err.message)}\n`);
      if (args?.debug && err.stack) io.stderr(`${err.stack}\n`);
      return err.code;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr(`etcd-analyzer: unexpected error: ${terminalSafe(e.message)}${args?.debug ? '' : ' (run with --debug for details)'}\n`);
    if (args?.debug && e.stack) io.stderr(`${e.stack}\n`);
    return EXIT_INTERNAL;
  }
}

async function runMcp(rest: string[], io: CliIo): Promise<number> {
  let mod: { runMcpCommand(argv: string[]): Promise<number> };
  try {
    mod = await import('../mcp/command');
  } catch (err) {
    io.stderr(`etcd-analyzer: the MCP server is not available in this build (${(err as Error).message})\n`);
    return EXIT.usage;
  }
  return mod.runMcpCommand(rest);
}

async function runServe(rest: string[], io: CliIo): Promise<number> {
  let mod: { runServeCommand(argv: string[]): Promise<number> };
  try {
    mod = await import('../serve/command');
  } catch (err) {
    io.stderr(`etcd-analyzer: the HTTP server is not available in this build (${(err as Error).message})\n`);
    return EXIT.usage;
  }
  return mod.runServeCommand(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      // Exit explicitly: keep-alive sockets of the HTTP client must not hold the process open.
      process.exitCode = code;
      process.stdout.write('', () => process.exit(code));
    },
    (err) => {
      process.stderr.write(`etcd-analyzer: ${String(err)}\n`);
      process.exit(EXIT_INTERNAL);
    },
  );
}
