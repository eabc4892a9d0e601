// The time window a chat answer judged, handed to its "Open full report" button: the report panel then runs its own
// full analysis over exactly those minutes. Absolute start/end, so a click an hour later (or after a reload, when the
// button comes back from the chat history) still shows the window the answer talked about. Pure: no vscode import.
import type { AnalyzerResult } from '../../core/types';
import { getAnalyzer } from '../../core/analyzers/registry';
import { resolveTimeRange } from '../../core/util/timeRange';
import { MAX_DURATION_SECONDS } from '../../core/util/duration';

export interface ReportWindow {
  start: string;
  end: string;
}

/** Analyzers that judge a window the user chose (not the history ones, whose span is their own). */
function judgesAWindow(tool: string): boolean {
  const a = getAnalyzer(tool);
  return !!a && !a.ownTimeSpan && 'duration' in a.inputSchema.shape;
}

/** The window of the results that read one; several windows → the span covering them (the last one if too wide). */
export function reportWindowOf(results: readonly Pick<AnalyzerResult, 'tool' | 'status' | 'range'>[]): ReportWindow | undefined {
  const windows = results
    .filter((r) => r.status !== 'failed' && judgesAWindow(r.tool))
    .map((r) => ({ start: r.range?.start, end: r.range?.end }))
    .filter((w): w is ReportWindow => isTime(w.start) && isTime(w.end) && Date.parse(w.start) < Date.parse(w.end));
  return spanOf(windows);
}

/**
 * The window a tool call from the language model judged, resolved the way the analyzer resolves it when it runs
 * (`at` = when the call started): its own start/end/duration, or the configured default. Undefined for tools without
 * a window or input the analyzer would refuse.
 */
export function toolCallWindow(tool: string, input: unknown, defaultDuration: string, at: Date): ReportWindow | undefined {
  if (!judgesAWindow(tool)) return undefined;
  const o = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const pick = (k: string) => (typeof o[k] === 'string' || typeof o[k] === 'number' ? (o[k] as string | number) : undefined);
  try {
    const r = resolveTimeRange({ duration: pick('duration') as string | undefined, start: pick('start'), end: pick('end') }, at, defaultDuration);
    return { start: r.start, end: r.end };
  } catch {
    return undefined;
  }
}

export function spanOf(windows: readonly ReportWindow[]): ReportWindow | undefined {
  if (!windows.length) return undefined;
  const start = Math.min(...windows.map((w) => Date.parse(w.start)));
  const end = Math.max(...windows.map((w) => Date.parse(w.end)));
  // The report accepts 5m..7d; answers that looked at windows days apart get the last one rather than a refusal.
  if ((end - start) / 1000 > MAX_DURATION_SECONDS) return windows[windows.length - 1];
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function isTime(v: unknown): v is string {
  return typeof v === 'string' && Number.isFinite(Date.parse(v));
}
