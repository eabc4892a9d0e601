// Tiny DOM builder. Every string child becomes a Text node, so data (member names, label values, messages)
// is never parsed as HTML. There is deliberately no way to set innerHTML here.
import { neutralizeBidi } from '../../src/core/util/safeText';
type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  scope?: string;
  colspan?: string;
  /** data-* and aria-* attributes, set with setAttribute (values are text). */
  [attr: `data-${string}` | `aria-${string}`]: string | undefined;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(neutralizeBidi(c)) : c);
  }
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', attrs, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
