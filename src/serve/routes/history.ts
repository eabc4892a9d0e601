// History: stored runs, one metric's trend over them (the trends analyzer), and now against a baseline (the
// baseline analyzer). Needs a history file (--history FILE / ETCD_ANALYZER_HISTORY), else 503 saying so.
import { analyzerFor } from '../../core/analyzers/registry';
import { HttpError, sendJson } from '../http';
import { respondWithRun, validToolInput } from '../respond';
import type { Route, RouteContext } from '../router';
import { analyzerResultSchema, runsListSchema, runsQuerySchema, streamQuerySchema } from '../schemas';
import { toolInputJsonSchema } from './tools';

function needHistory(ctx: RouteContext) {
  const h = ctx.deps.engine.history;
  if (!h) throw new HttpError(503, 'history is off in this server', 'start it with --history FILE (or ETCD_ANALYZER_HISTORY) to store runs and read trends');
  return h;
}

/** Query parameters → a tool input: numbers where the schema wants numbers, repeated keys as lists. */
function inputFromQuery(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    if (key === 'stream') continue;
    const all = query.getAll(key);
    const v = all.length > 1 ? all : all[0];
    out[key] = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && ['days', 'runId', 'baselineDays', 'tolerance'].includes(key) ? Number(v) : v;
  }
  return out;
}

export function historyRoutes(): Route[] {
  const trends = analyzerFor('trends');
  const baseline = analyzerFor('baseline');
  return [
    {
      method: 'GET',
      path: '/api/v1/history/runs',
      doc: { summary: 'Stored analyzer runs, newest first', tags: ['history'], query: runsQuerySchema, responses: { 'application/json': runsListSchema }, errors: [400, 503] },
      handler: async (ctx) => {
        const history = needHistory(ctx);
        const q = runsQuerySchema.safeParse(Object.fromEntries(ctx.query));
        if (!q.success) {
          const i = q.error.issues[0];
          throw new HttpError(400, `invalid query: ${i.path.map(String).join('.') || 'query'}: ${i.message}`, 'parameters: limit (1..1000), tool, since, until (ISO 8601)');
        }
        const runs = await history.runs({ ...q.data, limit: q.data.limit ?? 100 });
        sendJson(ctx.res, 200, { runs });
      },
    },
    {
      method: 'GET',
      path: '/api/v1/history/trends',
      doc: {
        summary: 'One metric over the stored runs, per member: points, slope per day, change points (the trends tool)',
        description: `Query parameters are the ${trends.name} input (metric, statistic, days, member, start, end); ?stream=1 for Server-Sent Events.`,
        tags: ['history'],
        query: trends.inputSchema.extend(streamQuerySchema.shape),
        responses: { 'application/json': analyzerResultSchema, 'text/event-stream': undefined },
        errors: [400, 502, 503],
      },
      handler: async (ctx) => {
        needHistory(ctx);
        await respondWithRun(ctx, trends.name, validToolInput(trends.name, inputFromQuery(ctx.query)), (r) => ({ json: r }));
      },
    },
    {
      method: 'POST',
      path: '/api/v1/history/compare',
      doc: {
        summary: 'The current window against a stored baseline (the baseline tool)',
        description: `The body is the ${baseline.name} input (duration, baselineDays or baselineStart/baselineEnd or runId, metrics, tolerance).`,
        tags: ['history'],
        query: streamQuerySchema,
        bodyJsonSchema: toolInputJsonSchema(baseline.inputSchema),
        responses: { 'application/json': analyzerResultSchema, 'text/event-stream': undefined },
        errors: [400, 413, 415, 502, 503],
      },
      handler: async (ctx) => {
        needHistory(ctx);
        await respondWithRun(ctx, baseline.name, validToolInput(baseline.name, await ctx.body()), (r) => ({ json: r }));
      },
    },
  ];
}
