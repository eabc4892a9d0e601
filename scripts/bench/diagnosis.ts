// `npm run bench:diagnosis`: runs every fault scenario live (fresh bed each, as `npm run test:faults` does) and
// prints the confusion table: injected fault × first diagnosis (category/member), right or wrong. Writes the
// table with its date and machine to docs/diagnosis-confusion.md. Named without `.bench.ts` so `npm run bench`
// (timing benches, seconds each) does not run this 20-minute measurement.
//   bench:diagnosis [scenario ...]   live, fresh bed per scenario
//   bench:diagnosis --from-fixtures  the recorded metrics of test/fixtures/faults through today's rules and
//                                    diagnosis (seconds, no bed)
//   bench:diagnosis --from-last-run  the results the last `npm run test:faults` saved (see runScenario.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { judge } from '../faults/judge';
import { rediagnose } from '../faults/rediagnose';
import { LAST_RUN_DIR, runScenario, type ScenarioRun } from '../faults/runScenario';
import { SCENARIOS } from '../faults/scenarios';

const ROOT = resolve(__dirname, '../..');
const DOC = join(ROOT, 'docs/diagnosis-confusion.md');

interface Row {
  scenario: string;
  fault: string;
  magnitude: string;
  expected: string;
  got: string;
  verdict: string;
  ok: boolean;
  note: string;
  seconds: number;
  /** 1-minute load average when the fault started (the machine may be shared). */
  load?: number;
  commit?: string;
}

function row(run: ScenarioRun, seconds: number): Row {
  const s = SCENARIOS.find((x) => x.name === run.scenario);
  const first = run.result.diagnosis?.incidents.slice().sort((a, b) => a.rank - b.rank)[0];
  return {
    scenario: run.scenario,
    fault: run.fault,
    magnitude: run.injected.magnitude,
    expected: s?.healthy ? 'no critical, ≤1 warning' : `${run.expected.category}/${run.expected.members.join('\\|') || '?'}`,
    got: run.judgement.got + (first ? ` (${first.severity}, ${first.confidence})` : ''),
    verdict: run.judgement.verdict,
    ok: run.judgement.ok,
    note: run.judgement.problems.join('; '),
    seconds,
    load: run.environment?.loadavgBefore?.[0],
    commit: run.environment?.commit,
  };
}

function table(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| injected fault | magnitude | expected first diagnosis | got (first incident) | verdict | right? |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.scenario} | ${esc(r.magnitude)} | ${r.expected} | ${esc(r.got)} | ${r.verdict} | ${r.ok ? 'right' : `**wrong**: ${esc(r.note)}`} |`);
  return lines.join('\n');
}

function loadNote(rows: Row[]): string {
  const loads = rows.map((r) => r.load).filter((x): x is number => typeof x === 'number');
  if (!loads.length) return '';
  const lo = Math.min(...loads).toFixed(1);
  const hi = Math.max(...loads).toFixed(1);
  const busy = Math.max(...loads) > os.cpus().length;
  return `1-minute load average when the faults started: ${lo}–${hi} on ${os.cpus().length} cores${busy ? ' (the machine was shared with other work, so node CPU is high outside the CPU scenario too)' : ''}.`;
}

async function main() {
  const args = process.argv.slice(2);
  const fromFixtures = args.includes('--from-fixtures');
  const fromLastRun = args.includes('--from-last-run');
  const only = args.filter((a) => !a.startsWith('--'));
  const rows: Row[] = [];
  const t0 = Date.now();
  for (const s of SCENARIOS.filter((x) => !only.length || only.includes(x.name))) {
    const t = Date.now();
    try {
      let run: ScenarioRun;
      if (fromFixtures) {
        const rec = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/faults', `${s.name}.json`), 'utf8')) as Omit<ScenarioRun, 'judgement'>;
        const result = rediagnose(rec.result);
        // Today's expectation for the scenario (members picked during the run, e.g. the slowed follower, kept).
        const expected = { ...s.expected, members: rec.injected.expectedMembers ?? s.expected.members };
        run = { ...rec, result, expected, judgement: judge(s, expected, result) };
      } else if (fromLastRun) {
        const rec = JSON.parse(readFileSync(join(LAST_RUN_DIR, `${s.name}.json`), 'utf8')) as ScenarioRun;
        run = { ...rec, judgement: judge(s, rec.expected, rec.result) };
      } else {
        run = await runScenario(s);
      }
      rows.push(row(run, fromLastRun ? run.seconds ?? 0 : Math.round((Date.now() - t) / 1000)));
    } catch (err) {
      rows.push({ scenario: s.name, fault: s.fault, magnitude: '-', expected: `${s.expected.category}`, got: `could not run: ${(err as Error).message}`, verdict: '-', ok: false, note: 'scenario failed to run', seconds: 0 });
    }
  }
  let wall = Math.round((Date.now() - t0) / 1000);
  const right = rows.filter((r) => r.ok).length;
  const md = table(rows);
  const source = fromFixtures ? 'recorded fixtures re-diagnosed' : fromLastRun ? `the last test:faults run (${LAST_RUN_DIR})` : 'live';
  if (fromLastRun) wall = rows.reduce((a, r) => a + r.seconds, 0);
  console.log(`\n${md}\n\n${right} of ${rows.length} right; ${fromFixtures ? '' : `scenario wall time ${wall} s; `}source: ${source}`);
  if (!fromFixtures && !only.length) {
    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const machine = `${os.platform()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
    const commits = [...new Set(rows.map((r) => r.commit).filter(Boolean))];
    const commit = commits.length ? `analyzer commit ${commits.join(', ')}` : 'analyzer commit unknown';
    // A hand-written "## Notes" section at the end of the doc (what the wrong rows were about) survives re-measuring.
    let notes = '';
    try {
      const old = readFileSync(DOC, 'utf8');
      const at = old.indexOf('\n## Notes');
      if (at >= 0) notes = old.slice(at);
    } catch {
      /* first measurement */
    }
    writeFileSync(
      DOC,
      `# Diagnosis confusion table\n\nEach row injects one fault into a fresh local 3-member etcd cluster (etcd ${process.env.ETCD_VERSION ?? '3.4 from Debian'}, loopback, ` +
        `Prometheus scraping every 5 s), then runs \`get_etcd_bottleneck_analysis\` over the last 5 minutes (the healthy row: a 5-minute window that ` +
        `starts after the cluster's start-up) and compares the FIRST incident of the diagnosis with the injected cause. ` +
        `Re-measure with \`npm run bench:diagnosis\` (about 20 minutes; it rewrites this file); the same scenarios are asserted by ` +
        `\`npm run test:faults\`. How each fault is injected: \`scripts/faults/scenarios.ts\`; recorded results: \`test/fixtures/faults/\`.\n\n` +
        `Measured ${when} (${commit}, ${fromLastRun ? 'results of the last `npm run test:faults`' : 'live'}) on ${machine}; ` +
        `${loadNote(rows)} ` +
        `${right} of ${rows.length} right; scenarios took ${wall} s in all (bed start to analysis).\n\n${md}\n${notes}`,
    );
    console.log(`wrote ${DOC}`);
  }
  process.exit(0);
}

void main();
