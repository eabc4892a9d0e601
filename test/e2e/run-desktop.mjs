// npm run test:e2e:desktop — the same e2e suite in a desktop VS Code via @vscode/test-electron.
// Needs a machine that can download VS Code (update.code.visualstudio.com) or VSCODE_EXECUTABLE pointing at one;
// where that is impossible (no internet, only npm/apt), use `npm run test:e2e` (code-server) instead.
// Expects the test bed variables (run under scripts/with-testbed.sh) and writes the same workspace settings as run.sh.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
if (!process.env.TESTBED_PROM_URL) {
  // Re-run under the project's test bed, which exports TESTBED_PROM_URL / TESTBED_ETCD_ENDPOINTS.
  try {
    execFileSync('bash', [join(root, 'scripts/with-testbed.sh'), process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(0);
  } catch (err) {
    process.exit(err.status ?? 1);
  }
}
execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/e2e/bundle-tests.mjs'], { cwd: root, stdio: 'inherit' });

const state = mkdtempSync(join(tmpdir(), 'etcd-analyzer-e2e-desktop-'));
const ws = join(state, 'workspace');
mkdirSync(join(ws, '.vscode'), { recursive: true });
writeFileSync(
  join(ws, '.vscode/settings.json'),
  JSON.stringify({
    'etcdAnalyzer.prometheus.url': process.env.TESTBED_PROM_URL,
    'etcdAnalyzer.etcdSelector': 'job="etcd"',
    'etcdAnalyzer.nodeSelector': 'job="node"',
    'etcdAnalyzer.etcdEndpoints': (process.env.TESTBED_ETCD_ENDPOINTS ?? '').split(',').filter(Boolean),
    'etcdAnalyzer.defaultDuration': '15m',
    'etcdAnalyzer.refreshIntervalSeconds': 600,
    'chat.tools.global.autoApprove': true,
  }, null, 2),
);
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    // Desktop VS Code takes several development extensions: ours and the scripted test-double model for the Chat view.
    extensionDevelopmentPath: [root, join(root, 'test/e2e/lm-double')],
    extensionTestsPath: join(root, 'out/e2e/index.js'),
    launchArgs: [ws, '--disable-workspace-trust', `--extensions-dir=${join(state, 'exts')}`, `--user-data-dir=${join(state, 'ud')}`],
    extensionTestsEnv: { E2E_RESULTS: join(state, 'results.json') },
  }).then(() => 0, (err) => {
    console.error(`desktop e2e failed: ${err?.message ?? err}`);
    return 1;
  });
} finally {
  if (!code) rmSync(state, { recursive: true, force: true });
}
process.exit(code);
