// Validates user threshold overrides (CLI --thresholds FILE, ETCD_ANALYZER_THRESHOLDS, MCP server) before any run:
// unknown keys (with "did you mean"), wrong types, negative values and a warning level above its critical level are
// all reported in one message, instead of being dropped silently and grading against values the user did not mean.
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, resolveThresholds, type Level, type Thresholds } from './thresholds';
import { closest } from '../util/suggest';

export class ThresholdsError extends Error {
  constructor(readonly problems: string[]) {
    super(`thresholds: ${problems.join('; ')}`);
    this.name = 'ThresholdsError';
  }
}

const KEYS = Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[];
const LEVEL_KEYS = KEYS.filter((k) => typeof DEFAULT_THRESHOLDS[k] === 'object');
const value = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number').refine((n) => n >= 0, 'must not be negative');
const level = z.strictObject({ warning: value.optional(), critical: value.optional() }, { error: 'must be an object like {"warning": 0.02, "critical": 0.5}' });

function shapeFor(key: keyof Thresholds): z.ZodType {
  if (key === 'outlierFactor') return z.number({ error: 'must be a number' }).refine((n) => Number.isFinite(n) && n > 1, 'must be a number above 1');
  if (typeof DEFAULT_THRESHOLDS[key] === 'number') return value;
  return level;
}

/** Overrides (parsed JSON) → the full Thresholds; throws ThresholdsError listing every problem. */
export function validateThresholds(input: unknown): Thresholds {
  if (input === undefined || input === null) return resolveThresholds(undefined);
  if (typeof input !== 'object' || Array.isArray(input)) throw new ThresholdsError(['must be a JSON object like {"walFsyncP99Seconds": {"warning": 0.02}}']);
  const problems: string[] = [];
  for (const [key, v] of Object.entries(input as Record<string, unknown>)) {
    if (!KEYS.includes(key as keyof Thresholds)) {
      const near = closest(key, KEYS);
      problems.push(`unknown key "${key.slice(0, 60)}"${near ? ` (did you mean ${near}?)` : ` (known: ${KEYS.join(', ')})`}`);
      continue;
    }
    const r = shapeFor(key as keyof Thresholds).safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const where = [key, ...issue.path.map(String)].join('.');
        const msg = issue.code === 'unrecognized_keys' ? `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')} (only warning and critical)` : issue.message;
        problems.push(`${where} ${msg}`);
      }
    }
  }
  // Ordering is checked on the merged values too (the lenient merge skips what was already reported above).
  const merged = resolveThresholds(input);
  for (const key of LEVEL_KEYS) {
    const l = merged[key] as Level;
    if (l.warning > l.critical) problems.push(`${key}: warning ${l.warning} is above critical ${l.critical} (warning must be at or below critical)`);
  }
  if (problems.length) throw new ThresholdsError(problems);
  return merged;
}

/** The one-line problem with these overrides, or undefined when they are valid (faces that warn instead of failing). */
export function thresholdsProblem(input: unknown): string | undefined {
  try {
    validateThresholds(input);
    return undefined;
  } catch (err) {
    if (err instanceof ThresholdsError) return err.problems.join('; ');
    throw err;
  }
}
