// Label values (member names, pods, gRPC methods) are data: a member called `**x**|y` must render literally,
// must not break a table row, and must not start a heading or list. Used by every markdown producer.
import { neutralizeBidi } from './safeText';

// CommonMark backslash-escapes any ASCII punctuation; these are the ones that change rendering mid-line.
// `(`, `)` and `!` only matter next to `[`/`]` (links, images), which are escaped, so they stay readable.
const INLINE_SPECIALS = /[\\`*_{}[\]<>|~&]/g;

/** Escapes text for inline markdown (paragraphs, table cells, list items). Newlines and control characters become spaces. */
export function escapeMarkdown(value: unknown): string {
  const text = neutralizeBidi(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(INLINE_SPECIALS, (c) => `\\${c}`);
  // Line-start markers (heading, list item, ordered list) only matter at the start ("-5 ms" is fine).
  return text
    .replace(/^(\s*)(#)/, (_m, ws: string, mark: string) => `${ws}\\${mark}`)
    .replace(/^(\s*)([-+])(?=\s|$)/, (_m, ws: string, mark: string) => `${ws}\\${mark}`)
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, (_m, num: string, mark: string) => `${num}\\${mark}`);
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  // Do not leave a dangling backslash that would escape the ellipsis.
  let cut = text.slice(0, max - 1);
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}
