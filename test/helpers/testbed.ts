// A private test bed for tests that fault members (stop, restart with flags). Each such test file uses its own
// port offset (2000, 3000, ...) so it never touches the shared bed of with-testbed.sh (1000) or a developer's (0).
// Drives scripts/testbed/*.sh, which stop processes by recorded PID only.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = resolve(__dirname, '../../scripts/testbed');

/** m1, m2, m3 on the default bed; node names on the OpenShift variants. */
export type MemberName = string;

export interface TestbedMember {
  name: MemberName;
  clientUrl: string;
  metricsUrl: string;
}

export interface Testbed {
  offset: number;
  dir: string;
  promUrl: string;
  etcdEndpoints: string[];
  members: TestbedMember[];
  /** Stops one member by PID; the rest keeps running. */
  stopMember(name: MemberName): Promise<void>;
  /** (Re)starts a stopped member, optionally with extra etcd flags (e.g. `--quota-backend-bytes=16384`). */
  startMember(name: MemberName, extraFlags?: string): Promise<void>;
  /** Re-runs up.sh with another VARIANT: Prometheus reloads its scrape config; stopped members start again. */
  reconfigure(variant: string): Promise<void>;
  /** `n` puts of `valueBytes` each; resolves with the script's output and whether every put succeeded. */
  load(n: number, opts?: { valueBytes?: number; endpoints?: string[] }): Promise<{ ok: boolean; output: string }>;
  /** Stops everything and deletes the bed's data. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  offset: number;
  /** Extra etcd flags per member at first start (default member names m1..m3). */
  extraArgs?: Partial<Record<MemberName, string>>;
  /** up.sh VARIANT: `openshift` (OpenShift target labels, members named after nodes) or `openshift-35`. */
  variant?: string;
}

const DEFAULT_NAMES = ['m1', 'm2', 'm3'];

export async function startTestbed(opts: StartOptions): Promise<Testbed> {
  const dir = join(tmpdir(), `etcd-analyzer-testbed-${opts.offset}`);
  const baseEnv = { ...process.env, PORT_OFFSET: String(opts.offset), BED: dir, VARIANT: opts.variant ?? '' };
  const sh = (script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    run('bash', [join(SCRIPTS, script), ...args], { env: { ...baseEnv, ...env }, maxBuffer: 4 << 20 });

  await sh('down.sh', [], { WIPE: '1' }); // leftovers of a crashed run
  const extra: NodeJS.ProcessEnv = {};
  // up.sh takes extra flags by position: M1_EXTRA for the first member, …
  for (const [m, flags] of Object.entries(opts.extraArgs ?? {})) extra[`M${DEFAULT_NAMES.indexOf(m) + 1}_EXTRA`] = flags;
  try {
    await sh('up.sh', [], extra);
  } catch (err) {
    await sh('down.sh', [], { WIPE: '1' }).catch(() => undefined);
    throw err;
  }
  const env = readEnvFile(join(dir, 'env'));
  const etcdEndpoints = env.ETCD_ENDPOINTS.split(',');
  const names: MemberName[] = env.MEMBER_NAMES ? env.MEMBER_NAMES.split(',') : DEFAULT_NAMES;
  const members = names.map((name, i) => ({
    name,
    clientUrl: etcdEndpoints[i],
    metricsUrl: etcdEndpoints[i].replace(/(\d+)$/, (p) => String(Number(p) + 2)),
  }));
  let stopped = false;

  return {
    offset: opts.offset,
    dir,
    promUrl: env.PROM_URL,
    etcdEndpoints,
    members,
    async stopMember(name) {
      await sh('down.sh', [name]);
    },
    async startMember(name, extraFlags) {
      await sh('up.sh', [], { WAIT_SECONDS: '20', [`M${names.indexOf(name) + 1}_EXTRA`]: extraFlags ?? '' });
    },
    async reconfigure(variant) {
      await sh('up.sh', [], { WAIT_SECONDS: '30', VARIANT: variant });
    },
    async load(n, o = {}) {
      const env2: NodeJS.ProcessEnv = {};
      if (o.endpoints) env2.LOAD_ENDPOINTS = o.endpoints.map((u) => u.replace(/^https?:\/\//, '')).join(',');
      try {
        const { stdout } = await sh('load.sh', [String(n), String(o.valueBytes ?? 1024)], env2);
        return { ok: true, output: stdout };
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await sh('down.sh', [], { WIPE: '1' });
    },
  };
}

function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** The live bed for read-only integration tests: with-testbed.sh's, else the developer's at the default ports. */
export function liveBed(): { promUrl: string; etcdEndpoints: string[] } {
  return {
    promUrl: process.env.TESTBED_PROM_URL ?? 'http://127.0.0.1:9090',
    etcdEndpoints: (process.env.TESTBED_ETCD_ENDPOINTS ?? 'http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:12379').split(','),
  };
}
