// Lists in one-paragraph summaries stay short however many members a cluster has: the first few items, then
// "… and N more" (every member is still in the result's metrics and findings).

export const SUMMARY_LIST_MAX = 12;
/** Upper bound of any summary paragraph (a cap of last resort; the lists above keep real summaries well below it). */
export const SUMMARY_MAX_CHARS = 2000;

export function nameList(items: readonly string[], max = SUMMARY_LIST_MAX, sep = ', '): string {
  if (items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)}${sep}… and ${items.length - max} more`;
}

/** Cuts a paragraph past SUMMARY_MAX_CHARS at a word boundary, saying so. */
export function boundSummary(text: string, max = SUMMARY_MAX_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.8 ? cut.slice(0, at) : cut).trimEnd()} … (shortened; every member is in the metrics and findings)`;
}
