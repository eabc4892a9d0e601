// Runs the extension's e2e suite inside code-server's (Node) extension host, the way @vscode/test-web does:
// the workbench URL carries payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]] (honoured because
// code-server runs with --vscode-option enable-smoke-test-driver), and the workbench calls
// window.codeAutomationExit(code) when the suite's run() settles. Exit code = the suite's.
// Usage: node drive-tests.cjs <origin> <workspaceDir> <extensionDir> <testsIndexJs> <timeoutSec> <chromium>
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function loadPlaywright() {
  for (const base of [process.cwd(), process.env.E2E_DRIVER_DIR].filter(Boolean)) {
    try {
      return require(require.resolve('playwright-core', { paths: [base] }));
    } catch {}
  }
  throw new Error('playwright-core not found: run scripts/e2e/install.sh');
}

(async () => {
  const [origin, ws, dev, tests, timeoutSec = '300', chromiumPath = '/usr/bin/chromium'] = process.argv.slice(2);
  const { chromium } = loadPlaywright();
  const host = new URL(origin).host;
  const remote = (p) => `vscode-remote://${host}${path.resolve(p)}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(dev)], ['extensionTestsPath', remote(tests)]]);
  const url = `${origin}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(payload)}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-analyzer-pw-'));
  const t0 = Date.now();
  let code = 1;
  let browser;
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = browser.pages()[0] || (await browser.newPage());
    const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    // The extension host's console is forwarded to the page: show the suite's own lines.
    page.on('console', (m) => {
      const t = m.text();
      if (/\[e2e\]|passed|failed|✔|✓|\d+\) /.test(t)) console.log(t.replace(/%c/g, '').slice(0, 400));
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const timeout = new Promise((_, rej) => setTimeout(() => rej(new Error(`no result after ${timeoutSec}s`)), +timeoutSec * 1000));
    code = await Promise.race([done, timeout]);
    console.log(`extension host exited with code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } catch (e) {
    console.error('e2e driver failed:', e.message);
  } finally {
    await browser?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(code);
})();
