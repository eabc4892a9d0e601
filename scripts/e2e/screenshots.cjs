// Screenshots of the webviews in the real editor, for reviewers: the dashboard in a light and a dark theme, the
// report panel, and the Chat view answering `@etcd /bottlenecks` (light and dark), saved as PNGs. Run after the mocha suite while code-server is still up (scripts/e2e/run.sh):
//   node scripts/e2e/screenshots.cjs <origin> <workspaceDir> <extensionDir> <outDir> [chromium]
// Loads the extension from <extensionDir> (extensionDevelopmentPath), switches themes by writing
// workbench.colorTheme into the workspace settings (restored afterwards), runs the palette commands and waits until
// the webview has drawn its charts. Exit code 0 when all five PNGs were written.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launchWorkbench, loadPlaywright, workbenchUrl } = require('./workbench.cjs');

/** Drags the sash on the primary side bar's right edge so the side bar is about `width` px wide. */
async function widenSidebar(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) throw new Error('no side bar');
  const edge = bar.x + bar.width;
  // The workbench's vertical sashes: take the one on the side bar's right edge and drag its centre.
  const boxes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  }));
  const sash = boxes.filter((b) => b.h > 100).sort((a, b) => Math.abs(a.x + a.w / 2 - edge) - Math.abs(b.x + b.w / 2 - edge))[0];
  if (!sash || Math.abs(sash.x + sash.w / 2 - edge) > 8) throw new Error('side bar sash not found');
  const x = sash.x + sash.w / 2;
  const y = sash.y + sash.h / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 20, y, { steps: 2 });
  await page.mouse.move(bar.x + width, y, { steps: 10 });
  await page.mouse.up();
  await page.mouse.move(bar.x + width + 200, bar.y + bar.height - 20); // off the sash: no hover highlight
}

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/** The query the Chat-view pictures show; answered by @etcd without a language model (a slash command). */
const CHAT_QUERY = '@etcd /bottlenecks 15m';

/**
 * Asks @etcd in the Chat view (as the e2e suite does: the view picks the installed model) and waits until its answer
 * has finished rendering, i.e. the response row is no longer loading and shows the answer's buttons.
 */
async function askInChatView(page, runCommand, lap) {
  // A chat request can fail before it reaches @etcd ("Language model unavailable" while the editor still resolves
  // its models): then ask again in a new chat, so the picture shows one clean exchange.
  for (let attempt = 1; ; attempt++) {
    await runCommand('Chat: Open Chat');
    // A new chat when the view offers one (after the suite it holds the suite's requests); else the picture is
    // scrolled to this request anyway.
    const plus = page.locator('.part.auxiliarybar .title-actions .action-label[aria-label^="New Chat"]').first();
    if (await plus.isVisible().catch(() => false)) await plus.click();
    else lap('no New Chat button: asking in the current chat');
    const input = page.locator('.part.auxiliarybar .interactive-input-part .monaco-editor').last();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.click();
    // Typed in parts: after "@etcd " and "/bottlenecks " the completion list is closed again by the space.
    await page.keyboard.type(CHAT_QUERY, { delay: 40 });
    await page.waitForTimeout(500);
    if (await page.locator('.suggest-widget.visible').isVisible().catch(() => false)) await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    lap(`asked "${CHAT_QUERY}" (attempt ${attempt})`);
    const finished = page.locator('.part.auxiliarybar .interactive-item-container.interactive-response:not(.chat-response-loading)');
    const answered = finished.filter({ hasText: 'Open Dashboard' });
    const end = Date.now() + 180_000;
    let failed = '';
    let finishedSince = 0;
    while (Date.now() < end) {
      if (await answered.last().isVisible().catch(() => false)) {
        lap('answer rendered');
        return;
      }
      // Finished without the answer's buttons for a few seconds: the request failed (its error is the row's text).
      const text = await finished.last().innerText({ timeout: 1000 }).catch(() => '');
      finishedSince = text ? finishedSince || Date.now() : 0;
      if (finishedSince && Date.now() - finishedSince > 5000) {
        failed = text.replace(/\s+/g, ' ').slice(0, 200);
        break;
      }
      await page.waitForTimeout(500);
    }
    if (!failed) throw new Error(`no finished answer to "${CHAT_QUERY}" within 180 s`);
    lap(`the chat request failed: ${failed}`);
    if (attempt >= 3) throw new Error(`the chat request failed ${attempt} times: ${failed}`);
    await page.waitForTimeout(3000);
  }
}

/**
 * The chat list follows the answer to its end; scroll back until the answer's first line sits just below the
 * question (which the list keeps pinned at its top), so the picture shows the diagnosis headline.
 */
async function scrollToAnswerStart(page) {
  const list = page.locator('.part.auxiliarybar .interactive-list').last();
  const box = await list.boundingBox();
  if (!box) throw new Error('no chat list');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const answer = page.locator('.part.auxiliarybar .interactive-item-container.interactive-response', { hasText: 'Open Dashboard' }).last();
  // The list scrolls smoothly: step, let it settle, measure again. Stops at the target, or where the list can
  // scroll no further (at its top the answer sits a little higher when the question above it is short).
  let last = Number.NaN;
  let still = 0;
  for (let i = 0; ; i++) {
    const r = await answer.boundingBox({ timeout: 1000 }).catch(() => null);
    if (!r) throw new Error('the answer is not in the chat list');
    const off = r.y - (box.y + 60);
    still = Math.abs(off - last) < 2 ? still + 1 : 0;
    last = off;
    if (Math.abs(off) < 12 || still >= 2) break;
    // A short answer cannot always be brought exactly there (the list snaps back and forth by a line): after a
    // bounded number of steps, keep where it is; the check below still demands the first line in view.
    if (i >= 40) break;
    await page.mouse.wheel(0, Math.max(-1000, Math.min(1000, off)));
    await page.waitForTimeout(300);
  }
  const r = await answer.boundingBox();
  if (!r || r.y < box.y || r.y > box.y + box.height / 2) throw new Error("the answer's first line is not in view");
  await page.mouse.move(box.x + box.width - 4, box.y + box.height - 4); // off the text: no hover toolbar over the answer
}

/** Waits until the workbench itself wears the theme (`vs` light, `vs-dark` dark) after a settings change. */
async function waitForWorkbenchTheme(page, cls) {
  await page.waitForFunction((c) => document.querySelector('.monaco-workbench')?.classList.contains(c), cls, { timeout: 30_000 });
}

(async () => {
  const [origin, ws, dev, outDir, chromiumPath = '/usr/bin/chromium'] = process.argv.slice(2);
  if (!origin || !ws || !dev || !outDir) {
    console.error('usage: screenshots.cjs <origin> <workspaceDir> <extensionDir> <outDir> [chromium]');
    process.exit(2);
  }
  const { chromium } = loadPlaywright();
  fs.mkdirSync(outDir, { recursive: true });
  const settingsFile = path.join(ws, '.vscode', 'settings.json');
  const originalSettings = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
  const setTheme = (name) => {
    const s = originalSettings ? JSON.parse(originalSettings) : {};
    s['workbench.colorTheme'] = name;
    // The Chat view in the secondary side bar only takes room from the dashboard in these pictures.
    s['workbench.secondarySideBar.defaultVisibility'] = 'hidden';
    s['workbench.startupEditor'] = 'none';
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(s, null, 2));
  };
  const url = workbenchUrl(origin, ws, [['extensionDevelopmentPath', dev]]);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-analyzer-shots-'));
  const t0 = Date.now();
  const lap = (m) => console.log(`[screenshots ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  let rc = 0;
  let browser;
  try {
    setTheme(THEMES.light);
    browser = await launchWorkbench(chromium, profile, chromiumPath);
    const page = browser.pages()[0] || (await browser.newPage());
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench .statusbar', { timeout: 90_000 });
    lap('workbench up');

    const runCommand = async (title) => {
      const input = page.locator('.quick-input-widget input');
      const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
      // The command appears once the extension host has registered it: retry. A view opening meanwhile can take
      // the focus and close the palette under the typing: that is retried too.
      for (let i = 0; ; i++) {
        if (i > 40) throw new Error(`command "${title}" not found in the palette`);
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        const typed = await input
          .waitFor({ state: 'visible', timeout: 10_000 })
          .then(() => input.fill('>' + title, { timeout: 5000 }))
          .then(() => true, () => false);
        if (typed && (await row.first().isVisible({ timeout: 2000 }).catch(() => false))) break;
      }
      await page.keyboard.press('Enter');
      lap(`ran "${title}"`);
    };
    // A webview's own document is the inner frame (iframe.webview > iframe#active-frame). Find the one showing `text`
    // with at least `canvases` drawn charts; return it with the theme class of its body.
    const waitForWebview = async (text, canvases, bodyClass, timeoutMs = 120_000) => {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        for (const f of page.frames()) {
          const ok = await f
            .evaluate(([t, n, cls]) => {
              const charts = document.querySelectorAll('figure.chart-card canvas').length;
              return document.body.innerText.includes(t) && charts >= n && (!cls || document.body.classList.contains(cls));
            }, [text, canvases, bodyClass])
            .catch(() => false);
          if (ok) return f;
        }
        await page.waitForTimeout(500);
      }
      throw new Error(`no webview showed "${text}" with ${canvases} charts${bodyClass ? ` and ${bodyClass}` : ''}`);
    };
    const shot = async (name) => {
      await page.waitForTimeout(800); // let the last frame and the theme transition settle
      const file = path.join(outDir, name);
      await page.screenshot({ path: file });
      lap(`saved ${file}`);
    };

    await runCommand('etcd: Open Dashboard');
    await waitForWebview('Members', 4, 'vscode-light');
    // Room for the dashboard: close the secondary side bar (Chat) and drag the side bar wider.
    await widenSidebar(page, 640).catch((e) => lap(`could not widen the side bar: ${e.message}`));
    await shot('dashboard-light.png');

    setTheme(THEMES.dark);
    await waitForWebview('Members', 4, 'vscode-dark', 30_000);
    await shot('dashboard-dark.png');

    setTheme(THEMES.light);
    await runCommand('etcd: Open Report');
    await waitForWebview('Executive summary', 2, 'vscode-light');
    await shot('report-panel.png');

    // The Chat view, maximised over the editor area so the answer has the window's width.
    await runCommand('View: Close Primary Side Bar').catch((e) => lap(`side bar left open: ${e.message}`));
    const failedShot = path.join(outDir, 'chat-view-failed.png');
    fs.rmSync(failedShot, { force: true });
    try {
      await askInChatView(page, runCommand, lap);
      await runCommand('View: Toggle Maximized Secondary Side Bar').catch((e) => lap(`chat not maximised: ${e.message}`));
      await page.waitForTimeout(1000); // the list lays out again at the new width
      await scrollToAnswerStart(page);
      await shot('chat-view-light.png');
      setTheme(THEMES.dark);
      await waitForWorkbenchTheme(page, 'vs-dark');
      await scrollToAnswerStart(page);
      await shot('chat-view-dark.png');
    } catch (e) {
      // What the page showed when the chat step failed, for whoever reads the log.
      await page.screenshot({ path: failedShot }).catch(() => {});
      throw e;
    }
  } catch (e) {
    console.error('screenshots failed:', e.message);
    rc = 1;
  } finally {
    if (originalSettings === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, originalSettings);
    await browser?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(rc);
})();
