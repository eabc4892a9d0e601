// Checks the arguments of etcdAnalyzer.openReport before the panel uses them. They come back from outside the code
// that made them: a chat button's arguments are stored with the chat history and replayed on click, and any
// extension or command link can run the command. A bad value gets a message naming it, not a half-drawn panel.
// Pure (no vscode import): unit-tested in test/unit/openReportArgs.test.ts.
import { z } from 'zod';
import type { OpenReportArgs } from './reportPanel';
import type { AnalyzerResult } from '../../core/types';
import type { ReportModel } from '../../core/report/modelTypes';
import { resolveTimeRange } from '../../core/util/timeRange';

const time = z.union([z.string().max(64), z.number().finite()]);

/** Enough of an AnalyzerResult for the report model to read; the rest is carried as given (the views escape text). */
const result = z.looseObject({
  tool: z.string().max(200),
  title: z.string().max(500),
  summary: z.string().max(50_000),
  status: z.enum(['ok', 'partial', 'unavailable', 'failed']),
  range: z.looseObject({ start: z.string().max(64), end: z.string().max(64), duration: z.string().max(64) }),
  metrics: z.array(z.looseObject({ metric: z.string(), member: z.string(), stats: z.record(z.string(), z.number().nullable()) })).max(20_000),
  findings: z.array(z.looseObject({ id: z.string(), severity: z.enum(['critical', 'warning', 'info']), member: z.string(), title: z.string(), evidence: z.array(z.unknown()) })).max(5_000),
  errors: z.array(z.looseObject({ message: z.string() })).max(5_000),
});

/** A finished report model (from "Generate Performance Report"): its top-level parts must be there. */
const model = z.looseObject({
  version: z.literal(1),
  meta: z.looseObject({ range: z.looseObject({ start: z.string(), end: z.string() }) }),
  summary: z.looseObject({}),
  keyMetrics: z.array(z.unknown()),
  members: z.looseObject({ rows: z.array(z.unknown()) }),
  charts: z.array(z.unknown()),
  bottlenecks: z.array(z.unknown()),
  recommendations: z.array(z.unknown()),
  failedQueries: z.array(z.unknown()),
  queries: z.array(z.unknown()),
});

const args = z.strictObject({
  duration: z.string().max(32).optional(),
  start: time.optional(),
  end: time.optional(),
  title: z.string().max(200).optional(),
  results: z.array(result).max(50).optional(),
  model: model.optional(),
});

export type ParsedOpenReportArgs = { ok: true; args: OpenReportArgs } | { ok: false; error: string };

/** undefined/null (the palette, a button without arguments) → the default window; anything else must fit. */
export function parseOpenReportArgs(raw: unknown, now = new Date()): ParsedOpenReportArgs {
  if (raw === undefined || raw === null) return { ok: true, args: {} };
  const parsed = args.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `the report cannot open with these arguments: ${describe(parsed.error)}` };
  const a = parsed.data;
  const out: OpenReportArgs = {};
  if (a.title !== undefined) out.title = a.title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (a.model) return { ok: true, args: { ...out, model: a.model as unknown as ReportModel } };
  if (a.results?.length) return { ok: true, args: { ...out, results: a.results as unknown as AnalyzerResult[] } };
  if (a.duration !== undefined || a.start !== undefined || a.end !== undefined) {
    const w = { duration: a.duration, start: a.start === undefined ? undefined : String(a.start), end: a.end === undefined ? undefined : String(a.end) };
    try {
      resolveTimeRange(w, now);
    } catch (err) {
      return { ok: false, error: `the report cannot open for this window: ${(err as Error).message}` };
    }
    for (const k of ['duration', 'start', 'end'] as const) if (w[k] !== undefined) out[k] = w[k];
  }
  return { ok: true, args: out };
}

/** "start: expected string or number; results.0.status: …" — the path of each problem, a few of them. */
function describe(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  return parts.join('; ') + (error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '');
}
