// Fault helpers that are separate processes (CPU hogs, strace) run under coreutils `timeout`, so each ends on its
// own after at most `maxSeconds` even if this process dies; stop() ends it early, by PID, and waits for it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface BoundedProcess {
  pid: number;
  /** Output so far (stderr and stdout, last 4 kB), for messages when the helper failed. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

export function startBounded(cmd: string, args: string[], maxSeconds: number): BoundedProcess {
  // timeout sends TERM at maxSeconds and KILL 5 s later; TERM lets strace detach from its tracee cleanly.
  const child: ChildProcess = spawn('timeout', ['--kill-after=5', String(Math.ceil(maxSeconds)), cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((done = true), r())));
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  return {
    pid: child.pid,
    output: () => out,
    exited: () => done,
    async stop() {
      if (done) return;
      child.kill('SIGTERM'); // timeout forwards it to its command
      const t = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exit;
      clearTimeout(t);
    },
  };
}

/** One busy loop per core (a shell `while :` costs nothing to start and dies on TERM). */
export function startCpuHogs(cores: number, maxSeconds: number): BoundedProcess[] {
  return Array.from({ length: cores }, () => startBounded('sh', ['-c', 'while :; do :; done'], maxSeconds));
}

/** Every fsync/fdatasync of `pid` (all its threads) delayed by `delayUs` µs at entry: a slow disk on one member. */
export function startSlowDisk(pid: number, delayUs: number, maxSeconds: number): BoundedProcess {
  return startBounded(
    'strace',
    ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fdatasync,fsync', '-e', `inject=fdatasync,fsync:delay_enter=${delayUs}`, '-p', String(pid)],
    maxSeconds,
  );
}
