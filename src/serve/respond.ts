// Runs one analyzer for a request and answers: one JSON body, or (when the client asks for a stream) Server-Sent
// Events `start`, `progress` per metric batch, then `result` (or `error`). Input is validated with the analyzer's
// own zod schema first, so a bad field is a 400 naming it, before any query is sent.
import { parseInput } from '../core/analyzers/runAnalyzer';
import { getAnalyzer } from '../core/analyzers/registry';
import type { AnalyzerResult } from '../core/types';
import { HttpError, sendJson, sendText } from './http';
import type { RouteContext } from './router';
import { runTool } from './runTool';
import { openSse, wantsSse } from './sse';

/**
 * Runs in flight beyond which a new request is turned away (503, Retry-After): they all queue on the one source's
 * 8-query cap anyway, and each holds its result in memory until answered.
 */
export const MAX_RUNS_IN_FLIGHT = 16;

/** What a route sends for a finished run: a JSON value, or a document of some media type. */
export type Rendered = { json: unknown } | { text: string; contentType: string };

/**
 * `failed` because of the input (a member that does not exist): 400, the error naming it plus the result.
 * `failed` otherwise (nothing could be read from the data source): 502 with the result as the body. Else 200.
 */
export function statusFor(result: AnalyzerResult): number {
  if (result.status !== 'failed') return 200;
  return result.errors.length > 0 && result.errors.every((e) => e.kind === 'bad_input') ? 400 : 502;
}

function jsonAnswer(result: AnalyzerResult, value: unknown): unknown {
  if (statusFor(result) !== 400) return value;
  const e = result.errors[0];
  return { error: { status: 400, message: e.message, hint: e.hint }, result: value };
}

export function validToolInput(tool: string, raw: unknown): Record<string, unknown> {
  const analyzer = getAnalyzer(tool);
  if (!analyzer) throw new HttpError(404, `unknown tool "${tool.slice(0, 80)}"`, 'GET /api/v1/tools lists them');
  // Unknown fields are refused, not ignored: a misspelt "durtion" must not silently run the default window.
  const parsed = parseInput(analyzer.inputSchema.strict(), raw);
  if (!parsed.ok) throw new HttpError(400, `invalid input for ${analyzer.name}: ${parsed.message}`, `accepted fields: ${Object.keys(analyzer.inputSchema.shape).join(', ')}`);
  return parsed.value;
}

export async function respondWithRun(ctx: RouteContext, tool: string, input: Record<string, unknown>, render: (r: AnalyzerResult) => Rendered): Promise<void> {
  const { res, deps, signal } = ctx;
  if (deps.runs.size >= MAX_RUNS_IN_FLIGHT) {
    throw new HttpError(503, `${deps.runs.size} analyses are already running`, 'retry in a few seconds', { 'Retry-After': '5' });
  }
  if (wantsSse(ctx.req, ctx.query)) {
    const sse = openSse(res);
    sse.send('start', { tool, input });
    try {
      const result = await runTool(deps, tool, input, { signal, origin: 'request', onProgress: (p) => sse.send('progress', p) });
      const out = render(result);
      sse.send('result', 'json' in out ? out.json : { contentType: out.contentType, text: out.text, status: result.status, summary: result.summary });
    } catch (err) {
      deps.log.error(`${tool} (stream) failed: ${err instanceof Error ? err.message : String(err)}`);
      sse.send('error', { status: 500, message: 'internal error while running the tool', hint: 'see the server log' });
    } finally {
      sse.close();
    }
    return;
  }
  const result = await runTool(deps, tool, input, { signal, origin: 'request' });
  const out = render(result);
  if ('json' in out) sendJson(res, statusFor(result), jsonAnswer(result, out.json));
  else sendText(res, statusFor(result), out.text, out.contentType);
}
