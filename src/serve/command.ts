// `etcd-analyzer serve …`: open the engine once (openEngine, the CLI's flags and ETCD_ANALYZER_* variables), build
// the route table, listen, run the optional periodic diagnosis, and stop gracefully on SIGINT/SIGTERM (stop
// accepting, finish running requests within the grace period, exit 0). Exit codes as `mcp`: 0 clean stop, 1 could
// not listen, 2 usage/config error, 3 the data source could not be reached or discovered.
import { version } from '../../package.json';
import { ConnectionError } from '../core/config/connection';
import { openEngine } from '../core/engine/openEngine';
import { onStopSignal } from '../mcp/command';
import { checkBindAddress } from '../mcp/httpGuard';
import { keepServing } from '../mcp/keepServing';
import { resolveServerToken } from '../mcp/mcpToken';
import { createStderrLogger, parseLogLevel } from '../mcp/stderrLogger';
import { parseServeArgs, SERVE_USAGE, UsageError, type ServeArgs } from './args';
import type { ServeDeps } from './deps';
import { LatestDiagnosis } from './latest';
import { startPeriodic } from './periodic';
import { buildRouter } from './routes/index';
import { registerUiRoutes } from './ui/routes';
import { RunTracker } from './runs';
import { SERVE_TOKEN_ENV, startServeServer } from './server';

export async function runServeCommand(argv: string[]): Promise<number> {
  let args: ServeArgs;
  let token: string | undefined;
  try {
    args = parseServeArgs(argv);
    if (args.help) {
      process.stdout.write(SERVE_USAGE);
      return 0;
    }
    token = resolveServerToken(args.serveTokenFile, process.env, { envName: SERVE_TOKEN_ENV, flag: '--serve-token-file' });
    checkBindAddress(args.host, token, `${SERVE_TOKEN_ENV} or --serve-token-file`);
    if (args.allowHosts.length && !token) throw new UsageError(`--allow-host lets other names reach this server: set ${SERVE_TOKEN_ENV} or --serve-token-file`);
  } catch (err) {
    if (err instanceof ConnectionError || err instanceof UsageError) return usageFailure(err.message);
    throw err;
  }
  const log = createStderrLogger(parseLogLevel(args.logLevel ?? process.env.ETCD_ANALYZER_LOG_LEVEL), undefined, 'etcd-analyzer-serve');

  const opened = await openEngine({ from: { flags: args.connection, thresholdsFile: args.thresholdsFile }, env: process.env, log });
  if (!opened.ok) {
    const { error } = opened;
    if (error.kind === 'usage') return usageFailure(error.hint ? `${error.message}: ${error.hint}` : error.message);
    process.stderr.write(`etcd-analyzer serve: ${error.message} — ${error.hint}\n`);
    return 3;
  }
  const engine = opened.engine;
  const { stopped, dispose } = onStopSignal();
  const stopGuard = keepServing(log);
  const deps: ServeDeps = {
    engine,
    log,
    version,
    startedAt: new Date(),
    runs: new RunTracker(),
    latest: new LatestDiagnosis(),
    everyMs: args.everySeconds ? args.everySeconds * 1000 : undefined,
  };
  try {
    const server = await startServeServer({
      router: buildRouter(registerUiRoutes),
      deps,
      log,
      host: args.host,
      port: args.port,
      token,
      allowHosts: args.allowHosts,
      shutdownGraceMs: args.shutdownGraceSeconds * 1000,
    }).catch((err: NodeJS.ErrnoException) => {
      log.error(`cannot listen on ${args.host}:${args.port}: ${err.code ?? ''} ${err.message}`);
      return undefined;
    });
    if (!server) return 1;
    // Tests and wrappers read this line to find the port when --port 0 was used: printed at every log level.
    process.stderr.write(`etcd-analyzer serve: serving on ${server.url}${token ? ' (bearer token required)' : ''} (metrics: ${engine.description})\n`);
    const periodic = args.everySeconds ? startPeriodic(deps, { everyMs: args.everySeconds * 1000, window: args.window }) : undefined;
    log.info(`stopping: ${await stopped}`);
    // Stop accepting first, then let the running requests and the periodic run in flight finish.
    const closing = server.close();
    await periodic?.stop();
    await closing;
    // Runs whose clients were cut off at the end of the grace period were aborted; give them a moment to unwind.
    const unwound = await Promise.race([deps.runs.idle().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000).unref())]);
    if (!unwound) log.warn(`stopping with ${deps.runs.size} run(s) still unwinding`);
    return 0;
  } finally {
    dispose();
    stopGuard();
    await engine.close();
  }
}

function usageFailure(message: string): number {
  process.stderr.write(`etcd-analyzer serve: ${message}\n`);
  return 2;
}
