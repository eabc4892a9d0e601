// Starts `etcd-analyzer serve` (src/cli/main.ts through tsx) as a child, reads its URL from the "serving on" log
// line, and stops it by its PID with SIGTERM, reporting the exit code (tests assert a graceful stop).
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './mcpServerProcess';

export interface ServeChild {
  url: string;
  port: number;
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code (SIGKILL after 20 s: then null). */
  stop(): Promise<number | null>;
}

/** Environment for a spawned server: only what it needs (no inherited ETCD_ANALYZER_* surprises). */
export function serveEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS']) if (process.env[k]) env[k] = process.env[k]!;
  return { ...env, ETCD_ANALYZER_LOG_LEVEL: 'info', ...extra };
}

export async function startServe(args: string[], env: Record<string, string> = serveEnv()): Promise<ServeChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`serve did not start in 45 s:\n${err}`));
    }, 45_000);
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /serving on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited (${code}) before listening:\n${err}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    exited,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** Runs `etcd-analyzer serve ARGS` expecting it to refuse to start: the exit code and stderr. */
export function serveRefuses(args: string[], env: Record<string, string> = serveEnv()): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => (err += d));
    const t = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve({ code, stderr: err });
    });
  });
}

/** Low-level request with any Host/Origin/headers (fetch cannot set Host). */
export async function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const http = await import('node:http');
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: opts.headers, timeout: 120_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.end(opts.body);
  });
}

/** Server-Sent Events parsed from a whole stream body. */
export function parseSse(text: string): { event: string; data: unknown }[] {
  const out: { event: string; data: unknown }[] = [];
  for (const block of text.split('\n\n')) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) out.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return out;
}

export function bedPromUrl(): string {
  const u = process.env.TESTBED_PROM_URL;
  if (!u) throw new Error('TESTBED_PROM_URL is not set: run through scripts/with-testbed.sh');
  return u;
}
