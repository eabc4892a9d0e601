// The e2e suite's entry point in the extension host (the extensionTestsPath contract of @vscode/test-electron):
// runs every *.test.js next to this file with mocha (tdd ui), prints "N passed, N failed", and writes a results
// file ($E2E_RESULTS) for scripts/e2e/run.sh. run() rejects when a test failed (exit code 1).
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: string;
  err?: string;
}

/** Lines a test wants in the summary (measurements, which approach worked). */
export const notes: string[] = ((globalThis as any).__etcdE2eNotes ??= []);

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const results: TestRecord[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = results.filter((r) => r.state === 'passed').length;
      const out = process.env.E2E_RESULTS || path.join(os.tmpdir(), 'etcd-analyzer-e2e-results.json');
      fs.writeFileSync(out, JSON.stringify({ passed, failed: failures, files, results, notes }, null, 2));
      console.log(`[e2e] ${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} e2e tests failed`));
      else resolve();
    });
    runner.on('test end', (t: Mocha.Test) => {
      if (!results.some((r) => r.title === t.fullTitle())) results.push({ title: t.fullTitle(), state: t.state ?? 'pending' });
    });
    runner.on('fail', (t: Mocha.Test, err: Error) => {
      const r = results.find((x) => x.title === t.fullTitle());
      if (r) Object.assign(r, { state: 'failed', err: String(err?.message ?? err).slice(0, 600) });
      else results.push({ title: t.fullTitle(), state: 'failed', err: String(err?.message ?? err).slice(0, 600) });
      console.log(`[e2e] FAIL ${t.fullTitle()}: ${String(err?.message ?? err).slice(0, 300)}`);
    });
    runner.on('pass', (t: Mocha.Test) => console.log(`[e2e] ok ${t.fullTitle()}`));
  });
}
