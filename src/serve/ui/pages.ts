// The HTML shell of every browser page: a strict CSP (nothing but this server's own scripts carrying a fresh nonce,
// its own styles, fetches to itself; no inline script, no other origin), the same bundles as the editor's webviews
// behind the browser host script (browserHost.js), and no value from outside in the markup.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../core/util/html';

export interface PageSpec {
  view: 'dashboard' | 'report' | 'history' | 'chat';
  title: string;
  script: string;
  styles: string[];
}

export const PAGES: readonly (PageSpec & { path: string })[] = [
  { path: '/', view: 'dashboard', title: 'etcd cluster', script: 'dashboard.js', styles: ['webview.css', 'dashboard.css', 'browser.css'] },
  { path: '/report', view: 'report', title: 'etcd report', script: 'report.js', styles: ['webview.css', 'report.css', 'browser.css'] },
  { path: '/history', view: 'history', title: 'etcd history', script: 'history.js', styles: ['webview.css', 'history.css', 'browser.css'] },
  { path: '/chat', view: 'chat', title: 'etcd chat', script: 'chat.js', styles: ['webview.css', 'chat.css', 'browser.css'] },
];

export const ASSET_PREFIX = '/ui/assets/';

export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function renderPage(page: PageSpec): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const links = page.styles.map((f) => `<link rel="stylesheet" href="${escapeHtml(ASSET_PREFIX + f)}">`).join('\n    ');
  const html = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <meta name="etcd-analyzer-view" content="${escapeHtml(page.view)}">
    <link rel="icon" href="data:,">
    ${links}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    <p>Loading…</p>
    <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(ASSET_PREFIX + 'browserHost.js')}"></script>
    <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(ASSET_PREFIX + page.script)}"></script>
  </body>
</html>
`;
  return { html, csp: pageCsp(nonce) };
}
