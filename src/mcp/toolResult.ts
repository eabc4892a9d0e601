// AnalyzerResult → MCP CallToolResult: markdown text for people and models, the JSON result as structuredContent.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnalyzerResult } from '../core/types';
import { renderResultMarkdown } from '../core/report/markdown';

/** Loose on purpose: it tells clients the shape without re-validating every nested row on each call. */
export const analyzerResultOutputShape = {
  tool: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(['ok', 'partial', 'unavailable', 'failed']),
  range: z.object({ start: z.string(), end: z.string(), duration: z.string(), stepSeconds: z.number() }),
  metrics: z.array(z.record(z.string(), z.unknown())).describe('MetricSummary rows: metric, member, unit, stats {p99, avg, ...}'),
  findings: z.array(z.record(z.string(), z.unknown())).describe('Findings: severity, member, evidence, rootCause, recommendation'),
  errors: z.array(z.record(z.string(), z.unknown())).describe('Queries that failed: kind, query, message, hint'),
  series: z.array(z.record(z.string(), z.unknown())).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  queries: z.array(z.string()).optional(),
  diagnosis: z
    .object({
      verdict: z.enum(['healthy', 'degraded', 'critical', 'unknown']),
      headline: z.string(),
      incidents: z.array(z.record(z.string(), z.unknown())),
      unexplained: z.array(z.string()),
      unjudged: z.array(z.record(z.string(), z.unknown())),
    })
    .optional()
    .describe('The answer first (bottleneck analysis, deep drive, report): ranked incidents — cause, member, evidence, consequences, recommendation — and the signals that could not be judged'),
};

/** `failed` (nothing could be read, or bad input) is an error for the client; partial and unavailable are answers. */
export function toCallToolResult(result: AnalyzerResult): CallToolResult {
  return {
    content: [{ type: 'text', text: renderResultMarkdown(result) }],
    // JSON round-trip drops undefined fields and proves the result is plain data.
    structuredContent: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
    isError: result.status === 'failed' ? true : undefined,
  };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
