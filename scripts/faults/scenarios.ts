// The injected faults: each runs on a fresh bed, holds its fault for about a minute while clients write, undoes
// what it changed (proxies closed, peer URLs back, hogs and strace stopped by PID), and says what it did.
// Magnitudes are chosen to be clearly past the thresholds in docs (not borderline), yet short enough that the
// whole suite fits a CI run on 2 cores.
import os from 'node:os';
import type { FindingCategory } from '../../src/core/types';
import { sleep, type FaultBed, type MemberName, MEMBER_NAMES, PROXY_PORT_SHIFT } from './bed';
import { startCpuHogs, startSlowDisk, type BoundedProcess } from './boundedProcess';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { compact, dbSize, deletePrefix, leaderName, memberList, put, alarms, updatePeerUrls } from './etcdApi';
import { startWriter } from './writer';

export interface Expected {
  category: FindingCategory;
  /** Another category that is also right (a partitioned member is as much unreachable as a network fault). */
  orCategory?: FindingCategory;
  /** Any of these members is right (`cluster` for a cluster-wide cause). */
  members: string[];
}

/** What a scenario did, saved with its recording. */
export interface FaultRecord {
  /** The member the fault was put on (`cluster` when on every member, `none` for the healthy bed). */
  member: string;
  startedAt: string;
  endedAt: string;
  /** Human-readable size of the fault: "25 ms per fsync for 60 s". */
  magnitude: string;
  /** What was observed while injecting (leader names, alarms, client write counts). */
  notes: string[];
  /** Members an acceptable diagnosis may name, decided during the run (e.g. whichever members led). */
  expectedMembers?: string[];
  /** Explicit analysis window (the healthy bed excludes its own start-up); default: the last 5 minutes. */
  window?: { start: string; end: string };
}

export interface Scenario {
  name: string;
  /** One line: the fault as an operator would describe it. */
  fault: string;
  expected: Expected;
  /** The healthy bed: asserted as "no critical, at most one warning" instead of a first cause. */
  healthy?: boolean;
  /** Start the bed with every peer link through a proxy (see startFaultBed). */
  proxiedPeers?: boolean;
  inject(bed: FaultBed, log: (s: string) => void): Promise<FaultRecord>;
}

const FAULT_SECONDS = Number(process.env.FAULTS_HOLD_SECONDS ?? 60);
const now = () => new Date().toISOString();

/** Runs `body` with a client writer going; the writer is always stopped, its counts land in notes. */
async function whileWriting<T>(bed: FaultBed, notes: string[], opts: { concurrency?: number; pauseMs?: number; endpoints?: string[] }, body: () => Promise<T>): Promise<T> {
  const w = startWriter(opts.endpoints ?? bed.etcdEndpoints, { concurrency: opts.concurrency ?? 2, pauseMs: opts.pauseMs ?? 50, maxMs: (FAULT_SECONDS + 120) * 1000 });
  try {
    return await body();
  } finally {
    const s = await w.stop();
    notes.push(`client writes during the fault: ${s.ok} ok, ${s.failed} failed${s.lastError ? ` (last error: ${s.lastError})` : ''}`);
  }
}

async function followerOf(bed: FaultBed): Promise<{ leader: MemberName; follower: MemberName }> {
  const leader = ((await leaderName(bed.etcdEndpoints)) ?? 'm1') as MemberName;
  const follower = MEMBER_NAMES.find((m) => m !== leader && m !== 'm1') ?? MEMBER_NAMES.find((m) => m !== leader)!;
  return { leader, follower };
}

async function slowDisk(bed: FaultBed, member: MemberName, notes: string[], delayUs: number): Promise<Pick<FaultRecord, 'startedAt' | 'endedAt'>> {
  let strace: BoundedProcess | undefined;
  const startedAt = now();
  try {
    strace = startSlowDisk(bed.pidOf(member), delayUs, FAULT_SECONDS + 30);
    await whileWriting(bed, notes, { concurrency: 4, pauseMs: 20 }, async () => {
      await sleep(FAULT_SECONDS * 1000);
      if (strace!.exited()) throw new Error(`strace ended early: ${strace!.output()}`);
    });
  } finally {
    await strace?.stop();
  }
  return { startedAt, endedAt: now() };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'stopped-member',
    fault: 'one member stopped (TERM by PID) and left down',
    expected: { category: 'availability', members: ['m2'] },
    async inject(bed) {
      const notes: string[] = [];
      const startedAt = now();
      await bed.stopMember('m2');
      await whileWriting(bed, notes, {}, () => sleep(FAULT_SECONDS * 1000));
      notes.push('m2 is still down when the analysis runs');
      return { member: 'm2', startedAt, endedAt: now(), magnitude: `m2 down for ${FAULT_SECONDS}+ s (analysed while down)`, notes };
    },
  },
  {
    name: 'leader-restarts',
    fault: 'the leader killed (SIGKILL) and restarted 4 times in about a minute',
    expected: { category: 'leader', members: ['cluster'] },
    async inject(bed, log) {
      const notes: string[] = [];
      const killed: string[] = [];
      const startedAt = now();
      await whileWriting(bed, notes, {}, async () => {
        for (let i = 0; i < 4; i++) {
          const leader = (await leaderName(bed.etcdEndpoints)) as MemberName | undefined;
          const victim = leader ?? 'm1';
          killed.push(victim);
          log(`restart ${i + 1}/4: killing leader ${victim}`);
          await bed.killMember(victim);
          await sleep(3000);
          await bed.startMember(victim);
          await sleep(Math.max(0, FAULT_SECONDS / 4 - 8) * 1000);
        }
      });
      notes.push(`leaders killed in order: ${killed.join(', ')}`);
      return {
        member: [...new Set(killed)].join(','),
        startedAt,
        endedAt: now(),
        magnitude: `4 leader crashes (SIGKILL) + restarts over ~${FAULT_SECONDS} s`,
        notes,
        expectedMembers: ['cluster', ...new Set(killed)],
      };
    },
  },
  {
    name: 'cpu-saturation',
    fault: `one busy loop per core (${os.cpus().length} cores) for ${FAULT_SECONDS + 15} s while 8 clients write`,
    // Every member shares the bed's one node, which node-exporter names by its host: any of them is right.
    expected: { category: 'cpu', members: ['127.0.0.1', 'cluster', 'm1', 'm2', 'm3'] },
    async inject(bed) {
      const notes: string[] = [];
      const hogs: BoundedProcess[] = [];
      const startedAt = now();
      const seconds = FAULT_SECONDS + 15;
      try {
        hogs.push(...startCpuHogs(os.cpus().length, seconds + 20));
        await whileWriting(bed, notes, { concurrency: 8, pauseMs: 0 }, () => sleep(seconds * 1000));
      } finally {
        await Promise.all(hogs.map((h) => h.stop()));
      }
      return { member: 'node (all members share it)', startedAt, endedAt: now(), magnitude: `${os.cpus().length} busy loops (one per core) for ${seconds} s, 8 writers`, notes };
    },
  },
  {
    name: 'peer-latency',
    fault: '40 ms added each way on every peer link (TCP proxy in front of each peer port)',
    expected: { category: 'network', members: ['cluster'] },
    async inject(bed, log) {
      const notes: string[] = [];
      const proxies: DelayProxy[] = [];
      const members = await memberList(bed.etcdEndpoints);
      const original = new Map(members.map((m) => [m.id, m.peerURLs]));
      const startedAt = now();
      try {
        for (const name of MEMBER_NAMES) {
          const port = bed.peerPort(name);
          proxies.push(await startDelayProxy(port + PROXY_PORT_SHIFT, port, 40));
        }
        for (const m of members) {
          const port = bed.peerPort(m.name as MemberName) + PROXY_PORT_SHIFT;
          await updatePeerUrls(bed.etcdEndpoints, m.id, [`http://127.0.0.1:${port}`]);
          log(`${m.name} peer URL → proxy :${port}`);
        }
        await whileWriting(bed, notes, {}, () => sleep(FAULT_SECONDS * 1000));
      } finally {
        for (const [id, urls] of original) await updatePeerUrls(bed.etcdEndpoints, id, urls).catch((e) => notes.push(`restore ${id}: ${(e as Error).message}`));
        await sleep(2000);
        await Promise.all(proxies.map((p) => p.close()));
      }
      return { member: 'cluster', startedAt, endedAt: now(), magnitude: `+40 ms each way (≈80 ms RTT) on every peer link for ${FAULT_SECONDS} s`, notes };
    },
  },
  {
    name: 'slow-disk-follower',
    fault: 'every fsync/fdatasync of one follower delayed 25 ms (strace fault injection)',
    expected: { category: 'disk', members: [] },
    async inject(bed) {
      const notes: string[] = [];
      const { leader, follower } = await followerOf(bed);
      notes.push(`leader ${leader}, slowed follower ${follower}`);
      const t = await slowDisk(bed, follower, notes, 25_000);
      return { member: follower, ...t, magnitude: `+25 ms per fsync/fdatasync on ${follower} for ${FAULT_SECONDS} s, 4 writers`, notes, expectedMembers: [follower] };
    },
  },
  {
    name: 'slow-disk-leader',
    fault: 'every fsync/fdatasync of the leader delayed 25 ms (strace fault injection)',
    expected: { category: 'disk', members: [] },
    async inject(bed) {
      const notes: string[] = [];
      const { leader } = await followerOf(bed);
      notes.push(`slowed leader ${leader}`);
      const t = await slowDisk(bed, leader, notes, 25_000);
      notes.push(`leader after the fault: ${(await leaderName(bed.etcdEndpoints)) ?? 'none'}`);
      return { member: leader, ...t, magnitude: `+25 ms per fsync/fdatasync on the leader ${leader} for ${FAULT_SECONDS} s, 4 writers`, notes, expectedMembers: [leader] };
    },
  },
  {
    name: 'fragmentation',
    fault: '40 MB written in 1 MB values, deleted and compacted, never defragmented',
    expected: { category: 'fragmentation', members: ['cluster', 'm1', 'm2', 'm3'] },
    async inject(bed) {
      const notes: string[] = [];
      const e = bed.etcdEndpoints[0];
      const startedAt = now();
      const value = Buffer.alloc(1_000_000, 'f');
      let rev = 0;
      for (let i = 0; i < 40; i++) rev = (await put(e, `frag/${i}`, value, 30_000)).revision;
      const deleted = await deletePrefix(e, 'frag/');
      rev = (await put(e, 'frag-marker', 'x')).revision;
      await compact(e, rev);
      notes.push(`deleted ${deleted} keys, compacted at revision ${rev}`);
      await whileWriting(bed, notes, { pauseMs: 200 }, () => sleep(30_000));
      // Read after the writes: the in-use size is refreshed by the backend commits that follow the compaction.
      for (const [i, ep] of bed.etcdEndpoints.entries()) {
        const s = await dbSize(ep);
        notes.push(`${MEMBER_NAMES[i]} dbSize ${(s.dbSize / 1048576).toFixed(1)} MiB, in use ${(s.dbSizeInUse / 1048576).toFixed(2)} MiB`);
      }
      return { member: 'cluster', startedAt, endedAt: now(), magnitude: '40 × 1 MB puts (40 MB), all deleted, compacted, no defrag', notes };
    },
  },
  {
    name: 'nospace',
    fault: 'one member restarted with --quota-backend-bytes at half its DB size (NOSPACE alarm)',
    expected: { category: 'quota', members: ['m3'] },
    async inject(bed) {
      const notes: string[] = [];
      const m3 = bed.etcdEndpoints[2];
      const { dbSize: size } = await dbSize(m3);
      const quota = Math.floor(size / 2);
      const startedAt = now();
      await bed.stopMember('m3');
      await bed.startMember('m3', `--quota-backend-bytes=${quota}`);
      await whileWriting(bed, notes, { endpoints: [m3], pauseMs: 100 }, () => sleep(20_000));
      notes.push(`m3 DB ${size} B, quota ${quota} B; alarms: ${(await alarms(m3).catch(() => [])).join(', ') || 'none'}`);
      await whileWriting(bed, notes, { pauseMs: 100 }, () => sleep(20_000));
      return { member: 'm3', startedAt, endedAt: now(), magnitude: `m3 quota ${quota} B = half its ${size} B DB; writes for 40 s`, notes };
    },
  },
  {
    name: 'partitioned-member',
    fault: 'one member cut off from its peers for 60 s (proxies close its peer connections; it stays up)',
    expected: { category: 'network', orCategory: 'availability', members: ['m3'] },
    proxiedPeers: true,
    async inject(bed, log) {
      const notes: string[] = [];
      const members = await memberList(bed.etcdEndpoints);
      const id = members.find((m) => m.name === 'm3')?.id;
      if (!id) throw new Error(`m3 not in the member list: ${JSON.stringify(members)}`);
      const hex = BigInt(id).toString(16);
      notes.push(`leader before: ${(await leaderName(bed.etcdEndpoints)) ?? 'none'}; m3 id ${hex}`);
      const startedAt = now();
      try {
        bed.proxies.m3!.block('all');
        bed.proxies.m1!.block(hex);
        bed.proxies.m2!.block(hex);
        log(`m3 (${hex}) cut off`);
        await whileWriting(bed, notes, {}, () => sleep(FAULT_SECONDS * 1000));
      } finally {
        for (const m of MEMBER_NAMES) bed.proxies[m]!.block(undefined);
      }
      notes.push(`leader after: ${(await leaderName(bed.etcdEndpoints)) ?? 'none'}`);
      return { member: 'm3', startedAt, endedAt: now(), magnitude: `m3 cut off from m1 and m2 (both directions) for ${FAULT_SECONDS} s, then reconnected`, notes };
    },
  },
  {
    name: 'healthy',
    fault: 'none: a fresh cluster under light load, window after its start-up',
    expected: { category: 'availability', members: [] },
    healthy: true,
    async inject(bed) {
      const notes: string[] = [];
      const start = new Date(Date.now() + 1000);
      await whileWriting(bed, notes, { concurrency: 1, pauseMs: 500 }, () => sleep(5 * 60_000 + 10_000));
      const end = new Date();
      return { member: 'none', startedAt: start.toISOString(), endedAt: end.toISOString(), magnitude: 'light load: 1 writer, 2 puts/s of 256 B', notes, window: { start: start.toISOString(), end: end.toISOString() } };
    },
  },
];
