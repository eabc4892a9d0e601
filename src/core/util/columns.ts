// Aligned plain-text columns for the terminal (the answer's text back-end, the CLI's full table, `list`).
import { maxOf } from './arrays';

/** Aligned columns; the last column is not padded. */
export function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.min(48, maxOf(rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}
