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

/** What a route sends for a finished run: a JSON value, or a document of some media type. */
export type Rendered = { json: unknown } | { text: string; contentType: string };

/** `failed` = nothing could be read (the data source failed): 502 with the result as the body; anything else 200. */
export function statusFor(result: AnalyzerResult): number {
  return result.status === 'failed' ? 502 : 200;
}

export function validToolInput(tool: string, raw: unknown): Record<string, unknown> {
  const analyzer = getAnalyzer(tool);
  if (!analyzer) throw new HttpError(404, `unknown tool "${tool.slice(0, 80)}"`, 'GET /api/v1/tools lists them');
  const parsed = parseInput(analyzer.inputSchema, raw);
  if (!parsed.ok) throw new HttpError(400, `invalid input for ${analyzer.name}: ${parsed.message}`, `accepted fields: ${Object.keys(analyzer.inputSchema.shape).join(', ')}`);
  return parsed.value;
}

export async function respondWithRun(ctx: RouteContext, tool: string, input: Record<string, unknown>, render: (r: AnalyzerResult) => Rendered): Promise<void> {
  const { res, deps, signal } = ctx;
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
  if ('json' in out) sendJson(res, statusFor(result), out.json);
  else sendText(res, statusFor(result), out.text, out.contentType);
}
