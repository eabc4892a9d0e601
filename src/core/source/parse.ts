// Turns Prometheus API JSON into samples and series. NaN and -Inf become null (a gap), never 0. +Inf is kept on
// instant samples only: a histogram quantile of +Inf means "above the top bucket", which the summaries carry as
// `aboveTop` (chart points stay null: a chart cannot draw infinity).
import type { Point } from '../types';
import type { InstantSample, RangeSeries } from './types';

export class ParseError extends Error {}

/** Prometheus encodes sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(v: unknown, keepPosInf = false): number | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  // Number('+Inf') is NaN: Prometheus spells infinity its own way.
  const n = typeof v === 'number' ? v : v === '+Inf' || v === 'Inf' ? Number.POSITIVE_INFINITY : Number(v);
  if (keepPosInf && n === Number.POSITIVE_INFINITY) return n;
  return Number.isFinite(n) ? n : null;
}

export interface ApiEnvelope {
  status: 'success' | 'error';
  data?: unknown;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

/** Parses the body text; throws ParseError when it is not a Prometheus API envelope. */
export function parseEnvelope(text: string): ApiEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ParseError(`the answer is not JSON (starts with ${JSON.stringify(text.slice(0, 60))})`);
  }
  const env = json as ApiEnvelope;
  if (!env || typeof env !== 'object' || (env.status !== 'success' && env.status !== 'error')) {
    throw new ParseError('the answer is JSON but not a Prometheus API response (no "status")');
  }
  return env;
}

function labelsOf(metric: unknown): Record<string, string> {
  if (!metric || typeof metric !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metric as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

function pointOf(p: unknown, keepPosInf = false): Point {
  if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number') throw new ParseError('a sample is not [time, "value"]');
  return [Math.round(p[0] * 1000), parseSampleValue(p[1], keepPosInf)];
}

interface QueryData {
  resultType: string;
  result: unknown;
}

function queryData(data: unknown): QueryData {
  const d = data as QueryData;
  if (!d || typeof d !== 'object' || typeof d.resultType !== 'string') throw new ParseError('"data.resultType" is missing');
  return d;
}

/** `data` of an instant query → samples. A scalar becomes one sample without labels. */
export function parseInstantData(data: unknown): InstantSample[] {
  const d = queryData(data);
  if (d.resultType === 'scalar' || d.resultType === 'string') {
    const [time, value] = pointOf(d.result);
    return [{ labels: {}, value, time }];
  }
  if (d.resultType !== 'vector') {
    throw new ParseError(`an instant query returned "${String(d.resultType).slice(0, 40)}", expected a vector (wrap range selectors in a function)`);
  }
  if (!Array.isArray(d.result)) throw new ParseError('a vector answer has no "result" list');
  return d.result.map((r: { metric?: unknown; value?: unknown }) => {
    const [time, value] = pointOf(r?.value, true);
    return { labels: labelsOf(r?.metric), value, time };
  });
}

/** `data` of a range query → series. */
export function parseRangeData(data: unknown): RangeSeries[] {
  const d = queryData(data);
  if (d.resultType !== 'matrix') throw new ParseError(`a range query returned "${String(d.resultType).slice(0, 40)}", expected a matrix`);
  if (!Array.isArray(d.result)) throw new ParseError('a matrix answer has no "result" list');
  return d.result.map((r: { metric?: unknown; values?: unknown }) => {
    if (!Array.isArray(r?.values)) throw new ParseError('a series has no "values"');
    return { labels: labelsOf(r.metric), points: r.values.map((p: unknown) => pointOf(p)) };
  });
}

export function parseBuildInfo(data: unknown): Record<string, string> {
  if (!data || typeof data !== 'object') throw new ParseError('buildinfo "data" is missing');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}
