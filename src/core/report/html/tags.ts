// A tiny server-side HTML builder. Strings are always escaped; only values built here (SafeHtml) pass through
// unchanged, so data can never become markup by accident. There is no way to inject a raw string.
import { escapeHtml } from '../../util/html';

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = SafeHtml | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'col']);
const NAME = /^[a-z][a-z0-9-]*$/;

function attrs(a: Attrs | null): string {
  if (!a) return '';
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === null || v === undefined || v === false) continue;
    // Attribute names are ours, never data; refuse anything odd rather than escape it.
    if (!NAME.test(k)) throw new Error(`bad attribute name ${JSON.stringify(k)}`);
    out += v === true ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`;
  }
  return out;
}

export function children(list: readonly Child[]): string {
  let out = '';
  for (const c of list) {
    if (c === null || c === undefined || c === false) continue;
    out += c instanceof SafeHtml ? c.html : escapeHtml(c);
  }
  return out;
}

/** `h('td', {class: 'num'}, value)` → `<td class="num">escaped value</td>`. */
export function h(tag: string, a: Attrs | null = null, ...kids: Child[]): SafeHtml {
  if (!NAME.test(tag)) throw new Error(`bad tag name ${JSON.stringify(tag)}`);
  if (VOID.has(tag)) return new SafeHtml(`<${tag}${attrs(a)}>`);
  return new SafeHtml(`<${tag}${attrs(a)}>${children(kids)}</${tag}>`);
}

/** Children from a list of any length, as one child (`h('tbody', null, list(rows))`: no argument spread). */
export function list(kids: readonly Child[]): SafeHtml {
  return new SafeHtml(children(kids));
}

/** Concatenates children without a wrapper element. */
export function frag(...kids: Child[]): SafeHtml {
  return new SafeHtml(children(kids));
}
