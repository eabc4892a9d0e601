// Formatting shared with the markdown and HTML reports, so numbers read the same everywhere.
export { formatValue } from '../../src/core/util/units';

/** Local date and time, 24-hour clock (the history page's run list). */
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
