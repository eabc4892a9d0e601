// A fresh local 3-member bed for one fault scenario (scripts/testbed via test/helpers/testbed.ts), plus what the
// faults need from it: member PIDs (from the bed's pid file), peer ports, and a hard kill of one member.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestbed, type MemberName, type Testbed } from '../../test/helpers/testbed';

export type { MemberName, Testbed };
export const MEMBER_NAMES: MemberName[] = ['m1', 'm2', 'm3'];

/** The faults suite's own port offset (Prometheus :12090, etcd :5379/:25379/:35379); proxies on peer port + 7. */
export const FAULTS_PORT_OFFSET = Number(process.env.FAULTS_PORT_OFFSET ?? 3000);
export const PROXY_PORT_SHIFT = 7;

export interface FaultBed extends Testbed {
  pidOf(name: MemberName): number;
  peerPort(name: MemberName): number;
  /** SIGKILL by the member's recorded PID (a crash, no graceful leadership transfer); resolves when it is gone. */
  killMember(name: MemberName): Promise<void>;
}

export async function startFaultBed(offset = FAULTS_PORT_OFFSET, extraArgs?: Partial<Record<MemberName, string>>): Promise<FaultBed> {
  const bed = await startTestbed({ offset, extraArgs });
  const pidOf = (name: MemberName): number => {
    const lines = readFileSync(join(bed.dir, 'pids'), 'utf8').split('\n');
    const pid = Number(lines.map((l) => l.split(' ')).filter(([n]) => n === name).pop()?.[1]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no PID recorded for ${name} in ${bed.dir}/pids`);
    return pid;
  };
  const peerPort = (name: MemberName) => ({ m1: 2380, m2: 22380, m3: 32380 })[name] + offset;
  return {
    ...bed,
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
