// GET /api/v1/tools (names, descriptions, input JSON schemas from the registry's zod schemas) and
// POST /api/v1/tools/:name (the AnalyzerResult; `?stream=1` or Accept: text/event-stream for progress events).
import { z } from 'zod';
import { analyzers, needsPrometheus } from '../../core/analyzers/registry';
import { sendJson } from '../http';
import { respondWithRun, validToolInput } from '../respond';
import type { Route } from '../router';
import { analyzerResultSchema, streamQuerySchema, toolListSchema } from '../schemas';

/** A tool's input as JSON Schema (without `$schema`: it is embedded in other documents). */
export function toolInputJsonSchema(schema: z.ZodObject<z.ZodRawShape>): Record<string, unknown> {
  // strict: the REST API refuses unknown fields (respond.ts), and says so.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema.strict(), { io: 'input' }) as Record<string, unknown>;
  return rest;
}

export function toolRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/tools',
      doc: { summary: 'The analyzers (tools): name, title, description and input JSON Schema', tags: ['tools'], responses: { 'application/json': toolListSchema } },
      handler: ({ res }) =>
        sendJson(res, 200, {
          tools: analyzers.map((a) => ({ name: a.name, title: a.title, description: a.description, needsPrometheus: needsPrometheus(a.name), inputSchema: toolInputJsonSchema(a.inputSchema) })),
        }),
    },
    {
      method: 'POST',
      path: '/api/v1/tools/:name',
      doc: {
        summary: 'Run one tool: the AnalyzerResult (502 with the result when nothing could be read)',
        description:
          'The body is the tool input (see GET /api/v1/tools); an empty body uses the defaults. With ?stream=1 or Accept: text/event-stream the answer is Server-Sent Events: `start`, `progress` per metric batch, then `result` (the AnalyzerResult) or `error`.',
        tags: ['tools'],
        query: streamQuerySchema,
        bodyJsonSchema: { anyOf: analyzers.map((a) => ({ title: a.name, ...toolInputJsonSchema(a.inputSchema) })) },
        responses: { 'application/json': analyzerResultSchema, 'text/event-stream': undefined },
        errors: [400, 404, 413, 415, 502, 503],
      },
      handler: async (ctx) => {
        const input = validToolInput(ctx.params.name, await ctx.body());
        await respondWithRun(ctx, ctx.params.name, input, (r) => ({ json: r }));
      },
    },
  ];
}
