// Resolves what the user asked for (a duration, or start/end) into the one TimeRange every query of a run uses.
import type { TimeRange } from '../types';
import { formatDuration, parseAnalysisDuration, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS } from './duration';
import { chooseStep } from '../source/step';

export interface TimeRangeInput {
  duration?: string;
  /** ISO 8601 (`2024-05-01T10:00:00Z`) or epoch seconds. */
  start?: string | number;
  end?: string | number;
}

/** Clocks drift; an end a little in the future is fine, one far ahead is a mistake. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export class TimeRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeRangeError';
  }
}

/** `2024-05-01T10:00:00Z` or `1714557600` → Date. Throws TimeRangeError naming the field. */
export function parseTime(value: string | number, field: string): Date {
  const raw = typeof value === 'number' ? value : String(value).trim();
  let ms: number;
  if (typeof raw === 'number' || /^\d+(\.\d+)?$/.test(raw)) {
    ms = Number(raw) * 1000;
  } else if (/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    ms = Date.parse(raw);
  } else {
    ms = NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new TimeRangeError(
      `${field} "${String(value).slice(0, 40)}" is not a time: use ISO 8601 (2024-05-01T10:00:00Z) or epoch seconds`,
    );
  }
  // Date handles ±8.64e15 ms (about ±275,000 years); past that, toISOString() throws a bare "Invalid time value".
  if (Math.abs(ms) > 8.64e15) {
    throw new TimeRangeError(`${field} "${String(value).slice(0, 40)}" is too far from now to be a time: epoch seconds have 10 digits today (e.g. 1714557600)`);
  }
  return new Date(ms);
}

export function resolveTimeRange(input: TimeRangeInput, now: Date, defaultDuration = '1h'): TimeRange {
  const hasStart = input.start !== undefined && input.start !== '';
  const hasEnd = input.end !== undefined && input.end !== '';
  const durationText = input.duration?.trim() || undefined;

  let start: Date;
  let end: Date;
  if (hasStart && hasEnd) {
    start = parseTime(input.start!, 'start');
    end = parseTime(input.end!, 'end');
  } else if (hasStart) {
    start = parseTime(input.start!, 'start');
    end = durationText ? new Date(start.getTime() + parseAnalysisDuration(durationText) * 1000) : now;
  } else {
    end = hasEnd ? parseTime(input.end!, 'end') : now;
    const secs = parseAnalysisDuration(durationText ?? defaultDuration);
    start = new Date(end.getTime() - secs * 1000);
  }

  if (end.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new TimeRangeError(`end ${end.toISOString()} is in the future: leave end empty to analyse up to now`);
  }
  if (start.getTime() >= end.getTime()) {
    throw new TimeRangeError(`start ${start.toISOString()} must be before end ${end.toISOString()}`);
  }
  const rangeSeconds = Math.round((end.getTime() - start.getTime()) / 1000);
  if (rangeSeconds < MIN_DURATION_SECONDS || rangeSeconds > MAX_DURATION_SECONDS) {
    throw new TimeRangeError(
      `the range ${formatDuration(rangeSeconds)} from start to end is outside the supported range 5m..7d`,
    );
  }
  const duration = hasStart && hasEnd ? formatDuration(rangeSeconds) : (durationText ?? (hasStart ? formatDuration(rangeSeconds) : defaultDuration));
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    duration,
    stepSeconds: chooseStep(rangeSeconds),
  };
}
