// A fresh local 3-member bed for one fault scenario (scripts/testbed via test/helpers/testbed.ts), plus what the
// faults need from it: member PIDs (from the bed's pid file), peer ports, and a hard kill of one member.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestbed, type MemberName, type Testbed } from '../../test/helpers/testbed';
import { startDelayProxy, type DelayProxy } from './delayProxy';

export type { MemberName, Testbed };
export const MEMBER_NAMES: MemberName[] = ['m1', 'm2', 'm3'];

/** The faults suite's own port offset (Prometheus :12090, etcd :5379/:25379/:15379); proxies on peer port + 7. */
export const FAULTS_PORT_OFFSET = Number(process.env.FAULTS_PORT_OFFSET ?? 3000);
export const PROXY_PORT_SHIFT = 7;

export interface FaultBed extends Testbed {
  /** With `proxiedPeers`: the proxy every peer dials to reach that member (no delay until told). */
  proxies: Partial<Record<MemberName, DelayProxy>>;
  pidOf(name: MemberName): number;
  peerPort(name: MemberName): number;
  /** SIGKILL by the member's recorded PID (a crash, no graceful leadership transfer); resolves when it is gone. */
  killMember(name: MemberName): Promise<void>;
}

const PEER_PORTS: Record<MemberName, number> = { m1: 2380, m2: 22380, m3: 32380 };

/**
 * proxiedPeers: each member advertises its proxy (peer port + 7) from its first start, so every raft message
 * between members goes through a proxy that can later add delay or cut a member off (a peer URL switched later
 * with `member update` only moves new connections and the RTT prober; streams already open stay direct).
 */
export async function startFaultBed(opts: { offset?: number; proxiedPeers?: boolean } = {}): Promise<FaultBed> {
  const offset = opts.offset ?? FAULTS_PORT_OFFSET;
  const peerPort = (name: MemberName) => PEER_PORTS[name] + offset;
  const proxies: Partial<Record<MemberName, DelayProxy>> = {};
  const extraArgs: Partial<Record<MemberName, string>> = {};
  if (opts.proxiedPeers) {
    const url = (m: MemberName) => `http://127.0.0.1:${peerPort(m) + PROXY_PORT_SHIFT}`;
    for (const m of MEMBER_NAMES) {
      proxies[m] = await startDelayProxy(peerPort(m) + PROXY_PORT_SHIFT, peerPort(m), 0);
      // Later flags win in etcd's flag parsing: these override up.sh's direct URLs.
      extraArgs[m] = `--initial-advertise-peer-urls ${url(m)} --initial-cluster ${MEMBER_NAMES.map((x) => `${x}=${url(x)}`).join(',')}`;
    }
  }
  const closeProxies = () => Promise.all(Object.values(proxies).map((p) => p!.close()));
  let bed: Testbed;
  try {
    bed = await startTestbed({ offset, extraArgs });
  } catch (err) {
    await closeProxies();
    throw err;
  }
  const pidOf = (name: MemberName): number => {
    const lines = readFileSync(join(bed.dir, 'pids'), 'utf8').split('\n');
    const pid = Number(lines.map((l) => l.split(' ')).filter(([n]) => n === name).pop()?.[1]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no PID recorded for ${name} in ${bed.dir}/pids`);
    return pid;
  };
  return {
    ...bed,
    proxies,
    async stop() {
      try {
        await bed.stop();
      } finally {
        await closeProxies();
      }
    },
    pidOf,
    peerPort,
    async killMember(name) {
      const pid = pidOf(name);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return; // already gone
      }
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await sleep(100);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
