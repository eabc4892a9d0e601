// The time range of "etcd: Generate Performance Report": a quick pick of the usual windows, or a custom start–end
// entered in two validated input boxes. Returns undefined when the user backs out.
import * as vscode from 'vscode';
import { parseTime } from '../../core/util/timeRange';
import { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from '../../core/util/duration';

export interface ReportRange {
  duration?: string;
  start?: string;
  end?: string;
}

const PRESETS: { label: string; duration: string; description: string }[] = [
  { label: 'Last 15 minutes', duration: '15m', description: '15m' },
  { label: 'Last hour', duration: '1h', description: '1h' },
  { label: 'Last 6 hours', duration: '6h', description: '6h' },
  { label: 'Last 24 hours', duration: '24h', description: '24h' },
];

/** Message for an invalid time, or undefined when `text` parses (ISO 8601 or epoch seconds) and is not in the future. */
export function validateTime(text: string, field: string, now = new Date()): string | undefined {
  if (!text.trim()) return `Enter the ${field} time, e.g. ${new Date(now.getTime() - 3600_000).toISOString().slice(0, 19)}Z`;
  try {
    const t = parseTime(text.trim(), field);
    if (t.getTime() > now.getTime() + 5 * 60_000) return `The ${field} time is in the future.`;
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}

/** Message for an invalid start–end pair (order and the 5m..7d window the analyzers accept), or undefined. */
export function validateWindow(start: string, end: string): string | undefined {
  const s = parseTime(start.trim(), 'start').getTime();
  const e = parseTime(end.trim(), 'end').getTime();
  if (e <= s) return 'The end must be after the start.';
  const secs = (e - s) / 1000;
  if (secs < MIN_DURATION_SECONDS) return `The window is shorter than ${MIN_DURATION_SECONDS / 60} minutes: pick an earlier start.`;
  if (secs > MAX_DURATION_SECONDS) return `The window is longer than ${MAX_DURATION_SECONDS / 86400} days: pick a later start.`;
  return undefined;
}

export async function pickReportRange(defaultDuration: string): Promise<ReportRange | undefined> {
  type Item = vscode.QuickPickItem & { duration?: string; custom?: boolean };
  const items: Item[] = [
    ...PRESETS.map((p) => ({ label: p.label, description: p.duration === defaultDuration ? `${p.description} (default)` : p.description, duration: p.duration })),
    { label: 'Custom range…', description: 'start and end time', custom: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'etcd: Generate Performance Report', placeHolder: 'Time range to analyse' });
  if (!picked) return undefined;
  if (!picked.custom) return { duration: picked.duration };

  const now = new Date();
  const start = await vscode.window.showInputBox({
    title: 'Report range: start (1/2)',
    prompt: 'Start time: ISO 8601 (UTC, e.g. 2024-05-01T10:00:00Z) or epoch seconds',
    value: new Date(now.getTime() - 3600_000).toISOString().slice(0, 19) + 'Z',
    validateInput: (v) => validateTime(v, 'start'),
  });
  if (start === undefined) return undefined;
  const end = await vscode.window.showInputBox({
    title: 'Report range: end (2/2)',
    prompt: 'End time: ISO 8601 (UTC) or epoch seconds',
    value: now.toISOString().slice(0, 19) + 'Z',
    validateInput: (v) => validateTime(v, 'end') ?? validateWindow(start, v),
  });
  if (end === undefined) return undefined;
  return { start: start.trim(), end: end.trim() };
}
