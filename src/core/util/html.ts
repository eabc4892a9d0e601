// HTML escaping for server-side rendered reports. Label values, messages and queries are data: they go through
// escapeHtml (text and quoted attribute values alike) or jsonForScript (data blocks), never raw into markup.
import { neutralizeBidi } from './safeText';

const HTML_SPECIALS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a double/single-quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return neutralizeBidi(value).replace(/[&<>"']/g, (c) => HTML_SPECIALS[c]);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes so no `</script>` or
 * `<!--` can end or bend the block, and U+2028/2029 are escaped so the text is also a valid JS literal.
 * JSON.parse(textContent) gives back the original value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
