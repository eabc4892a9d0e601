// The HTML shell of every webview: strict CSP with a fresh nonce per render, local resources only.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../../core/util/html';

/** The only folders a webview may load from: the webview bundle and media (CSS, icons). */
export function localRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: localRoots(extensionUri) };
}

/** 16 random bytes, base64: a nonce an attacker cannot predict (never Math.random). */
export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

export interface PageSpec {
  title: string;
  /** Bundle file name under dist/webview, e.g. `dashboard.js`. */
  script: string;
  /** CSS file names under media/. */
  styles: string[];
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    // No <base> to re-point relative URLs, no form posting anywhere (as the standalone report file's policy).
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageSpec): string {
  const nonce = newNonce();
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', f)).toString();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', page.script)).toString();
  const links = page.styles.map((f) => `<link rel="stylesheet" href="${escapeHtml(media(f))}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(webview.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${links}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    <p>Loading…</p>
    <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(script)}"></script>
  </body>
</html>`;
}
