// `etcd-analyzer mcp …` and dist/mcp-server.js: open the engine once (openEngine), then serve stdio or Streamable
// HTTP until the client goes away or SIGINT/SIGTERM. Exit codes: 0 clean stop, 1 could not serve, 2 usage/config
// error, 3 the data source could not be reached or discovered.
import { ConnectionError } from '../core/config/connection';
import { openEngine } from '../core/engine/openEngine';
import { MCP_USAGE, parseMcpArgs, UsageError, type McpArgs } from './args';
import { mcpReportDir } from './engine';
import { startHttpServer } from './httpServer';
import { checkBindAddress } from './httpGuard';
import { resolveMcpToken } from './mcpToken';
import { serveStdio } from './stdio';
import { createStderrLogger, parseLogLevel } from './stderrLogger';
import { keepServing } from './keepServing';

export async function runMcpCommand(argv: string[]): Promise<number> {
  let args: McpArgs;
  try {
    args = parseMcpArgs(argv);
  } catch (err) {
    process.stderr.write(`etcd-analyzer mcp: ${(err as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stderr.write(MCP_USAGE);
    return 0;
  }
  const log = createStderrLogger(parseLogLevel(args.logLevel ?? process.env.ETCD_ANALYZER_LOG_LEVEL));

  let token: string | undefined;
  try {
    if (args.http) {
      token = resolveMcpToken(args.mcpTokenFile, process.env);
      checkBindAddress(args.host, token, 'ETCD_ANALYZER_MCP_TOKEN or --mcp-token-file');
    }
  } catch (err) {
    if (err instanceof ConnectionError || err instanceof UsageError) return usageFailure(err.message);
    throw err;
  }

  const opened = await openEngine({
    from: { flags: args.connection, thresholdsFile: args.thresholdsFile },
    env: process.env,
    log,
    reportDir: mcpReportDir(process.env),
  });
  if (!opened.ok) {
    const { error } = opened;
    if (error.kind === 'usage') return usageFailure(error.hint ? `${error.message}: ${error.hint}` : error.message);
    process.stderr.write(`etcd-analyzer mcp: ${error.message} — ${error.hint}\n`);
    return 3;
  }
  const engine = opened.engine;
  const { stopped, dispose } = onStopSignal();
  const stopGuard = keepServing(log);
  try {
    if (!args.http) {
      await serveStdio(engine, log, stopped);
      return 0;
    }
    const server = await startHttpServer({ engine, log, host: args.host, port: args.port, token }).catch((err: NodeJS.ErrnoException) => {
      log.error(`cannot listen on ${args.host}:${args.port}: ${err.code ?? ''} ${err.message}`);
      return undefined;
    });
    if (!server) return 1;
    // Tests and wrappers read this line to find the port when --port 0 was used.
    log.info(`MCP Streamable HTTP listening on ${server.url}${token ? ' (bearer token required)' : ''} (metrics: ${engine.description})`);
    log.info(`stopping: ${await stopped}`);
    await server.close();
    return 0;
  } finally {
    dispose();
    stopGuard();
    await engine.close();
  }
}

function usageFailure(message: string): number {
  process.stderr.write(`etcd-analyzer mcp: ${message}\n`);
  return 2;
}

export function onStopSignal(): { stopped: Promise<string>; dispose(): void } {
  let onSignal: (sig: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    onSignal = (sig) => resolve(sig);
  });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
