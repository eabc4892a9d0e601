// Starts `src/mcp/main.ts --http --port 0` as a child (through tsx) and reads its URL from the stderr log line.
// Stops it with SIGTERM and reports the exit code, so tests can assert a graceful shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

export const testbedPromUrl = (): string => process.env.TESTBED_PROM_URL || 'http://127.0.0.1:9090';
export const testbedEtcdEndpoints = (): string =>
  process.env.TESTBED_ETCD_ENDPOINTS || 'http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:12379';

/** Environment for a spawned server: only what it needs (no inherited ETCD_ANALYZER_* surprises). */
export function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS']) if (process.env[k]) env[k] = process.env[k]!;
  // The report tool saves HTML: into a temp folder, never into the repository.
  return { ...env, ETCD_ANALYZER_LOG_LEVEL: 'warn', ETCD_ANALYZER_REPORT_DIR: REPORT_DIR, ...extra };
}

const REPORT_DIR = mkdtempSync(join(tmpdir(), 'etcd-mcp-reports-'));
process.on('exit', () => rmSync(REPORT_DIR, { recursive: true, force: true }));

export interface HttpServerChild {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit code (null if it had to be killed). */
  stop(): Promise<number | null>;
}

export async function startHttpServerChild(args: string[], env: Record<string, string>): Promise<HttpServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/mcp/main.ts', '--http', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...env, ETCD_ANALYZER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`MCP HTTP server did not start in 30 s:\n${err}`)), 30_000);
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`MCP HTTP server exited (${code}) before listening:\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err + out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
