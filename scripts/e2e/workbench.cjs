// What drive-tests.cjs and screenshots.cjs both need to open code-server's workbench in headless Chromium:
// playwright-core (from the repo or the e2e cache), the workbench URL with its payload, and the browser launch.
const path = require('node:path');

function loadPlaywright() {
  for (const base of [process.cwd(), process.env.E2E_DRIVER_DIR].filter(Boolean)) {
    try {
      return require(require.resolve('playwright-core', { paths: [base] }));
    } catch {}
  }
  throw new Error('playwright-core not found: run scripts/e2e/install.sh');
}

/** The workbench URL opening `ws` with `payload` entries ([name, local path]); paths become vscode-remote URIs. */
function workbenchUrl(origin, ws, payload) {
  const host = new URL(origin).host;
  const remote = payload.map(([name, p]) => [name, `vscode-remote://${host}${path.resolve(p)}`]);
  return `${origin}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(JSON.stringify(remote))}`;
}

/** A headless Chromium with its own profile folder and a laptop-sized viewport. */
function launchWorkbench(chromium, profile, chromiumPath) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

module.exports = { loadPlaywright, workbenchUrl, launchWorkbench };
