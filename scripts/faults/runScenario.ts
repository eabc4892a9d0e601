// One scenario end to end: fresh bed, base load, the fault, a settle time for Prometheus, the bottleneck
// analysis over 5 minutes (in-process engine, like the faces use it), and the bed torn down whatever happened.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import type { AnalyzerResult } from '../../src/core/types';
import { contextFor, waitForProm } from '../../test/helpers/prom';
import { sleep, startFaultBed, type FaultBed } from './bed';
import type { FaultRecord, Scenario } from './scenarios';
import { startWriter } from './writer';
import { judge, type Judgement } from './judge';

export interface ScenarioRun {
  scenario: string;
  fault: string;
  expected: { category: string; orCategory?: string; members: string[] };
  injected: FaultRecord;
  /** ISO times of the bed's start and of the analysis. */
  bedStartedAt: string;
  analysedAt: string;
  window: { duration?: string; start?: string; end?: string };
  /** commit: the analyzer's git commit at the run, `+changes` when the working tree had uncommitted edits. */
  environment: { etcd: string; machine: string; cores: number; commit: string; loadavgBefore: number[]; loadavgAfter: number[] };
  result: AnalyzerResult;
  judgement: Judgement;
  /** Wall time of the whole scenario (bed start to analysis). */
  seconds: number;
}

/** Every run also lands here (one file per scenario, overwritten), for `bench:diagnosis --from-last-run`. */
export const LAST_RUN_DIR = join(process.env.TMPDIR ?? '/tmp', `etcd-analyzer-faults-last-run`);

/**
 * Interrupted (Ctrl-C, a CI timeout): stop the bed of the scenario in flight before exiting. Hogs and strace end
 * on their own (`timeout`), proxies die with this process; etcd and Prometheus would not.
 */
let current: { bed?: FaultBed; dir?: string; offset?: number } = {};
function stopOnSignal(signal: NodeJS.Signals, code: number) {
  process.once(signal, () => {
    if (current.bed) {
      try {
        execFileSync('bash', [join(__dirname, '../testbed/down.sh')], { env: { ...process.env, PORT_OFFSET: String(current.offset), BED: current.dir, WIPE: '1' }, stdio: 'ignore', timeout: 20_000 });
      } catch {
        /* exiting anyway */
      }
    }
    process.exit(code);
  });
}
stopOnSignal('SIGINT', 130);
stopOnSignal('SIGTERM', 143);

/** Seconds Prometheus gets after the fault for two scrapes (5 s interval) of its last state. */
const SETTLE_MS = 12_000;

export async function runScenario(s: Scenario, log: (line: string) => void = (l) => console.error(`[${s.name}] ${l}`)): Promise<ScenarioRun> {
  let bed: FaultBed | undefined;
  const t0 = Date.now();
  const bedStartedAt = new Date().toISOString();
  try {
    log('starting a fresh bed');
    bed = await startFaultBed({ proxiedPeers: s.proxiedPeers });
    current = { bed, dir: bed.dir, offset: bed.offset };
    // Base load so every member has fsync/commit samples before the fault.
    const w = startWriter(bed.etcdEndpoints, { concurrency: 4, maxMs: 20_000 });
    await sleep(4000);
    await w.stop();
    const seen = await waitForProm(bed.promUrl, 'count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[1m]) > 0)', (v) => v === 3, 30_000);
    if (seen !== 3) log(`warning: Prometheus saw writes on ${seen ?? 0}/3 members before the fault`);
    const loadavgBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
    log(`injecting: ${s.fault}`);
    const injected = await s.inject(bed, log);
    log(`fault over (${injected.magnitude}); settling ${SETTLE_MS / 1000} s`);
    const trickle = startWriter(bed.etcdEndpoints, { concurrency: 1, pauseMs: 500, maxMs: SETTLE_MS + 5000 });
    await sleep(SETTLE_MS);
    await trickle.stop();
    const window = injected.window ?? { duration: '5m' };
    const analysedAt = new Date().toISOString();
    const result = await runAnalyzer(contextFor(bed.promUrl, bed.etcdEndpoints), 'get_etcd_bottleneck_analysis', window, { record: false });
    const expected = { ...s.expected, members: injected.expectedMembers ?? s.expected.members };
    const judgement = judge(s, expected, result);
    const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join('/');
    judgement.printable += `\n  machine: load average ${load(loadavgBefore)} at the fault's start, ${os.cpus().length} cores`;
    log(judgement.printable);
    const run: ScenarioRun = {
      scenario: s.name,
      fault: s.fault,
      expected,
      injected,
      bedStartedAt,
      analysedAt,
      window,
      environment: { ...environment(), loadavgBefore, loadavgAfter: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      result,
      judgement,
      seconds: Math.round((Date.now() - t0) / 1000),
    };
    try {
      mkdirSync(LAST_RUN_DIR, { recursive: true });
      writeFileSync(join(LAST_RUN_DIR, `${s.name}.json`), JSON.stringify(run));
    } catch (err) {
      log(`could not keep the run in ${LAST_RUN_DIR}: ${(err as Error).message}`);
    }
    return run;
  } finally {
    await bed?.stop().catch((e) => log(`bed stop failed: ${(e as Error).message}`));
    current = {};
  }
}

function environment(): Pick<ScenarioRun['environment'], 'etcd' | 'machine' | 'cores' | 'commit'> {
  let commit = 'unknown';
  try {
    const root = join(__dirname, '../..');
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--untracked-files=no', 'src'], { cwd: root, encoding: 'utf8' }).trim()) commit += '+changes';
  } catch {
    /* not a git checkout */
  }
  let etcd = 'unknown';
  try {
    etcd = execFileSync('etcd', ['--version'], { encoding: 'utf8' }).split('\n')[0].replace('etcd Version: ', '');
  } catch {
    /* version stays unknown */
  }
  return { etcd, commit, machine: `${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? "unknown CPU"}`, cores: os.cpus().length };
}
