// POST /api/v1/report: the full performance report (the report analyzer) rendered as the saved report files are
// (HTML document, the AnalyzerResult JSON, or markdown), in the answer instead of a file.
import { analyzerFor } from '../../core/analyzers/registry';
import { buildReportModel } from '../../core/report/model';
import { renderReportHtml } from '../../core/report/html/index';
import { renderResultMarkdown } from '../../core/report/markdown';
import type { AnalyzerResult } from '../../core/types';
import { redactUrl } from '../../core/util/redact';
import type { ServeDeps } from '../deps';
import { HttpError } from '../http';
import { respondWithRun, validToolInput, type Rendered } from '../respond';
import type { Route } from '../router';
import { analyzerResultSchema, reportRequestSchema, streamQuerySchema, type REPORT_FORMATS } from '../schemas';

/** The saved report's markdown is a file to keep, not a chat turn: the same generous cap. */
const REPORT_MARKDOWN_MAX_CHARS = 500_000;

export function renderReport(deps: ServeDeps, result: AnalyzerResult, format: (typeof REPORT_FORMATS)[number]): Rendered {
  if (format === 'json') return { json: result };
  if (format === 'markdown') return { text: renderResultMarkdown(result, { maxChars: REPORT_MARKDOWN_MAX_CHARS }), contentType: 'text/markdown; charset=utf-8' };
  const ctx = deps.engine.context();
  const model = buildReportModel([result], { cluster: redactUrl(deps.engine.options.profile.prometheusUrl ?? ''), profile: ctx.profile.id, thresholds: ctx.thresholds });
  return { text: renderReportHtml(model), contentType: 'text/html; charset=utf-8' };
}

export function reportRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/report',
      doc: {
        summary: 'The full performance report as an HTML document, the AnalyzerResult JSON, or markdown',
        description:
          'Runs every data tool over one window and combines them (slow: seconds to a minute). With ?stream=1 the answer is Server-Sent Events: `start`, `progress`, then `result` ({contentType, text} for html/markdown, the AnalyzerResult for json).',
        tags: ['report'],
        query: streamQuerySchema,
        body: reportRequestSchema,
        responses: { 'text/html': undefined, 'application/json': analyzerResultSchema, 'text/markdown': undefined, 'text/event-stream': undefined },
        errors: [400, 413, 415, 502, 503],
      },
      handler: async (ctx) => {
        const raw = (await ctx.body()) ?? {};
        const parsed = reportRequestSchema.safeParse(raw);
        if (!parsed.success) {
          const i = parsed.error.issues[0];
          throw new HttpError(400, `invalid report request: ${i.path.map(String).join('.') || 'body'}: ${i.message}`, 'fields: format (html|json|markdown), duration, member, start, end');
        }
        const { format = 'html', ...input } = parsed.data;
        const tool = analyzerFor('report').name;
        await respondWithRun(ctx, tool, validToolInput(tool, input), (r) => renderReport(ctx.deps, r, format));
      },
    },
  ];
}
