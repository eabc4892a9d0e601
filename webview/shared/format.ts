// Formatting shared with the markdown and HTML reports, so numbers read the same everywhere.
export { formatValue } from '../../src/core/util/units';
import type { Evidence } from '../../src/core/types';
import { formatValue } from '../../src/core/util/units';

/** `14.2 ms ≥ 10 ms (p99, m2)`: one evidence line in plain text. */
export function formatEvidence(e: Evidence): string {
  const value = formatValue(e.value, e.unit);
  const threshold = e.threshold !== undefined ? ` (threshold ${formatValue(e.threshold, e.unit)})` : '';
  const where = [e.statistic, e.member, e.window].filter(Boolean).join(', ');
  const note = e.note ? ` — ${e.note}` : '';
  return `${e.metric}: ${value}${threshold}${where ? ` [${where}]` : ''}${note}`;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(undefined, { hour12: false });
}

/** `14:05:09` local time. Hand-made: the first toLocaleTimeString call loads ICU data (~15–30 ms in a fresh page). */
export function formatClock(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
