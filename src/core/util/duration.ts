// Durations as users and PromQL write them: `30s`, `5m`, `1h`, `1h30m`, `7d`.
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const DURATION_RE = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export const MIN_DURATION_SECONDS = 5 * 60;
export const MAX_DURATION_SECONDS = 7 * 86400;

export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/** Parses `1h30m` → 5400. Throws DurationError naming the bad input and the expected form. */
export function parseDuration(text: string): number {
  const t = String(text ?? '').trim();
  const m = DURATION_RE.exec(t);
  if (!t || !m || m.slice(1).every((g) => g === undefined)) {
    throw new DurationError(`"${t.slice(0, 40)}" is not a duration: use a number with a unit, like 30s, 5m, 1h, 6h, 1d or 1h30m`);
  }
  const [, w, d, h, mi, s] = m;
  const secs = [w && +w * UNIT_SECONDS.w, d && +d * UNIT_SECONDS.d, h && +h * UNIT_SECONDS.h, mi && +mi * UNIT_SECONDS.m, s && +s]
    .map((x) => Number(x || 0))
    .reduce((a, b) => a + b, 0);
  if (secs <= 0) throw new DurationError(`duration "${t}" must be longer than zero`);
  return secs;
}

/** Parses and checks the analysable window (5m..7d). */
export function parseAnalysisDuration(text: string): number {
  const secs = parseDuration(text);
  if (secs < MIN_DURATION_SECONDS || secs > MAX_DURATION_SECONDS) {
    throw new DurationError(`duration "${text}" is outside the supported range 5m..7d`);
  }
  return secs;
}

/** 5400 → `1h30m`; 0 → `0s`. */
export function formatDuration(seconds: number): string {
  let s = Math.round(seconds);
  if (s <= 0) return '0s';
  let out = '';
  for (const [u, n] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (s >= n) {
      out += `${Math.floor(s / n)}${u}`;
      s %= n;
    }
  }
  return out;
}
