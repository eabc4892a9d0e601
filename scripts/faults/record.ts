// `npm run record:faults [scenario ...]`: runs the fault scenarios (all, or the named ones) one after another
// on fresh beds and saves each real result to test/fixtures/faults/<scenario>.json, with what was injected
// where and when. Prints the first diagnosis of each. Exit 1 when a scenario could not run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runScenario } from './runScenario';
import { SCENARIOS } from './scenarios';

const FIXTURES = resolve(__dirname, '../../test/fixtures/faults');

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  mkdirSync(FIXTURES, { recursive: true });
  let failed = 0;
  const t0 = Date.now();
  for (const s of SCENARIOS.filter((x) => !only.length || only.includes(x.name))) {
    const t = Date.now();
    try {
      const run = await runScenario(s);
      const { judgement, seconds: _seconds, ...recording } = run;
      const file = join(FIXTURES, `${s.name}.json`);
      writeFileSync(file, `${JSON.stringify({ recordedAt: new Date().toISOString(), ...recording }, null, 1)}\n`);
      console.log(`${s.name}: ${judgement.ok ? 'right' : 'WRONG'} (${judgement.got}, verdict ${judgement.verdict}) → ${file} [${Math.round((Date.now() - t) / 1000)} s]`);
    } catch (err) {
      failed++;
      console.log(`${s.name}: could not run: ${(err as Error).stack ?? err}`);
    }
  }
  console.log(`recorded in ${Math.round((Date.now() - t0) / 1000)} s${failed ? `, ${failed} scenario(s) failed to run` : ''}`);
  process.exit(failed ? 1 : 0);
}

void main();
