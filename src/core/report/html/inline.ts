// Making script and CSS text safe to inline, and the file's Content-Security-Policy. A static file cannot have a
// per-load nonce, so the policy allows exactly the inline blocks it carries by their SHA-256 hashes: anything else
// (an injected <script>, an event handler attribute, a remote URL) is refused by the browser.
import { createHash } from 'node:crypto';

export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * JavaScript for an inline <script>: `</script` cannot end the element early (in a bundle it only occurs inside
 * string, regex or comment text, where `<\/` means the same). `<!--` could switch the HTML parser into its
 * escaped state and has no equally safe rewrite, so a bundle holding it is refused. The source-map comment goes.
 */
export function inlineScript(js: string): string {
  if (js.includes('<!--')) throw new Error('the chart bundle contains "<!--" and cannot be inlined safely');
  return js.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
}

/** CSS for an inline <style>: `</style` cannot close it early; remote imports and url()s are removed (offline file). */
export function inlineStyle(css: string): string {
  return css
    .replace(/<\/(style)/gi, '<\\/$1')
    .replace(/@import[^;]*;/g, '')
    .replace(/url\(\s*(['"]?)(?:https?:)?\/\/[^)]*\)/gi, 'none');
}

export function contentSecurityPolicy(scripts: readonly string[], styles: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.length ? scripts.map(sha256Source).join(' ') : "'none'"}`,
    `style-src ${styles.length ? styles.map(sha256Source).join(' ') : "'none'"}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
