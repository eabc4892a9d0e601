// `npm run bench`: runs every scripts/bench/*.bench.ts one after the other (never in parallel: they time
// things), each as its own `node --import tsx` process with inherited output. Run under scripts/with-testbed.sh,
// which provides TESTBED_PROM_URL / TESTBED_ETCD_ENDPOINTS. Exit status: 1 when any bench failed, 0 when all ran.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = __dirname;
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();

if (!benches.length) {
  console.log(`no benches in ${dir}${only.length ? ` matching ${only.join(', ')}` : ''}`);
  process.exit(0);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`=== ${file}: ${ok ? 'done' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
}
console.log(`\n${benches.length - failed} of ${benches.length} benches ran${failed ? `, ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
