// Request and answer shapes of the REST API, as zod schemas: handlers validate with them and the OpenAPI document
// is generated from them, so the two cannot disagree.
import { z } from 'zod';
import { analyzerResultOutputShape } from '../mcp/toolResult';
import { commonInputShape } from '../core/analyzers/input';

export const errorSchema = z.object({
  error: z.object({ status: z.number().int(), message: z.string(), hint: z.string().optional() }),
  result: z.record(z.string(), z.unknown()).optional().describe('The failed AnalyzerResult, when a run refused its input (e.g. a member that does not exist)'),
});

export const analyzerResultSchema = z.object(analyzerResultOutputShape).describe('AnalyzerResult: the same JSON as `etcd-analyzer run --format json`');

export const toolInfoSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  needsPrometheus: z.boolean(),
  inputSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of the tool input'),
});
export const toolListSchema = z.object({ tools: z.array(toolInfoSchema) });

export const REPORT_FORMATS = ['html', 'json', 'markdown'] as const;
export const reportRequestSchema = z
  .object({ ...commonInputShape, format: z.enum(REPORT_FORMATS).optional().describe('html (default), json (the AnalyzerResult) or markdown') })
  .strict();

export const streamQuerySchema = z.object({
  stream: z.enum(['1', 'true', '0', 'false']).optional().describe('1: answer as Server-Sent Events (start, progress, result) instead of one JSON body'),
});

export const runsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional().describe('At most this many runs, newest first (default 100)'),
    tool: z.string().max(64).regex(/^[a-z0-9_]+$/).optional().describe('Only runs of this tool'),
    since: z.iso.datetime({ offset: true }).optional().describe('Only runs whose window ended at or after this time (ISO 8601)'),
    until: z.iso.datetime({ offset: true }).optional().describe('Only runs whose window ended at or before this time (ISO 8601)'),
  })
  .strict();

export const storedRunSchema = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  tool: z.string(),
  cluster: z.string(),
  profile: z.string(),
  rangeStart: z.string(),
  rangeEnd: z.string(),
  status: z.string().optional().describe("the run's result status (ok, partial, failed)"),
  summary: z.string().optional(),
  findings: z.number().int().optional().describe('how many findings the run stored'),
  worstSeverity: z.enum(['critical', 'warning', 'info']).optional(),
});
export const runsListSchema = z.object({ runs: z.array(storedRunSchema) });

/** SSE event payloads, documented in the OpenAPI description of streaming routes. */
export const progressEventSchema = z.object({
  tool: z.string(),
  batchesStarted: z.number().int(),
  batchesDone: z.number().int(),
  metrics: z.array(z.string()),
  elapsedMs: z.number(),
});
