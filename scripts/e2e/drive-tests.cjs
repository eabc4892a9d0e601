// Runs the extension's e2e suite inside code-server's (Node) extension host, the way @vscode/test-web does:
// the workbench URL carries payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]] (honoured because
// code-server runs with --vscode-option enable-smoke-test-driver), and the workbench calls
// window.codeAutomationExit(code) when the suite's run() settles. Exit code = the suite's.
// Usage: node drive-tests.cjs <origin> <workspaceDir> <extensionDir> <testsIndexJs> <timeoutSec> <chromium>
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launchWorkbench, loadPlaywright, workbenchUrl } = require('./workbench.cjs');

(async () => {
  const [origin, ws, dev, tests, timeoutSec = '300', chromiumPath = '/usr/bin/chromium'] = process.argv.slice(2);
  const { chromium } = loadPlaywright();
  const url = workbenchUrl(origin, ws, [['extensionDevelopmentPath', dev], ['extensionTestsPath', tests]]);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-analyzer-pw-'));
  const t0 = Date.now();
  let code = 1;
  let browser;
  try {
    browser = await launchWorkbench(chromium, profile, chromiumPath);
    const page = browser.pages()[0] || (await browser.newPage());
    const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    // The extension host's console is forwarded to the page: show the suite's own lines.
    page.on('console', (m) => {
      const t = m.text();
      if (process.env.E2E_ALL_CONSOLE || /\[e2e\]|passed|failed|✔|✓|\d+\) /.test(t)) console.log(t.replace(/%c/g, '').slice(0, 400));
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
