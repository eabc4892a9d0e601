// Starts historyWriter.ts as a real separate node process. It is bundled once with esbuild (plain `node` starts
// in ~100 ms, tsx would take over a second per start: the crash test starts fifty of them).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
export const WASM_DIR = join(ROOT, 'node_modules/sql.js/dist');

export async function bundleWriter(outDir: string): Promise<string> {
  const outfile = join(outDir, 'historyWriter.cjs');
  await build({
    entryPoints: [join(ROOT, 'test/helpers/historyWriter.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'error',
    mainFields: ['module', 'main'],
  });
  return outfile;
}

export interface Writer {
  child: ChildProcess;
  /** Run ids acknowledged on stdout (durable per the store's contract). */
  acked: number[];
  ready: Promise<void>;
  exited: Promise<number | null>;
  stderr(): string;
  /** With waitGo: lets the writer start. */
  go(): void;
}

export function startWriter(script: string, file: string, count: number, tag: string, opts: { waitGo?: boolean; snapshotEvery?: number } = {}): Writer {
  const child = spawn(process.execPath, [script, file, String(count), tag], {
    cwd: dirname(script),
    env: { ...process.env, SQLJS_WASM_DIR: WASM_DIR, WAIT_GO: opts.waitGo ? '1' : '', SNAPSHOT_EVERY: String(opts.snapshotEvery ?? '') },
    stdio: [opts.waitGo ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const acked: number[] = [];
  let err = '';
  let buf = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === 'ready') onReady();
      const m = /^ack (\d+) /.exec(line);
      if (m) acked.push(Number(m[1]));
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (err += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  exited.then(() => onReady()); // never hang on a writer that died before "ready"
  return { child, acked, ready, exited, stderr: () => err, go: () => child.stdin?.end('go\n') };
}
