// GET /healthz (open: probes carry no secret) and GET /api/v1/status (the server's own state).
import { z } from 'zod';
import { redactUrl } from '../../core/util/redact';
import { sendJson } from '../http';
import type { Route } from '../router';

export const statusSchema = z.object({
  version: z.string(),
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  source: z.string().describe('Prometheus URL, credentials removed'),
  profile: z.string(),
  history: z.object({ enabled: z.boolean(), file: z.string().optional() }),
  inFlight: z.array(z.object({ id: z.number(), tool: z.string(), startedAt: z.string(), origin: z.enum(['request', 'periodic']) })),
  periodic: z
    .object({
      everySeconds: z.number(),
      lastRun: z.object({ tool: z.string(), finishedAt: z.string(), durationMs: z.number(), status: z.string(), verdict: z.string().optional() }).optional(),
      failures: z.number(),
    })
    .optional(),
  warnings: z.array(z.string()),
});

export function healthRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      doc: { summary: 'Liveness: the server answers', tags: ['server'], auth: false, responses: { 'application/json': z.object({ ok: z.literal(true) }) } },
      handler: ({ res }) => sendJson(res, 200, { ok: true }),
    },
    {
      method: 'GET',
      path: '/api/v1/status',
      doc: { summary: "The server's own state: version, uptime, data source, runs in flight, last periodic run", tags: ['server'], responses: { 'application/json': statusSchema } },
      handler: ({ res, deps }) => {
        const last = deps.latest.periodic();
        const body: z.infer<typeof statusSchema> = {
          version: deps.version,
          startedAt: deps.startedAt.toISOString(),
          uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
          source: redactUrl(deps.engine.options.profile.prometheusUrl ?? ''),
          profile: deps.engine.options.profile.profile,
          history: { enabled: !!deps.engine.history, ...(deps.engine.historyFile ? { file: deps.engine.historyFile } : {}) },
          inFlight: deps.runs.list(),
          ...(deps.everyMs
            ? {
                periodic: {
                  everySeconds: deps.everyMs / 1000,
                  ...(last
                    ? {
                        lastRun: {
                          tool: last.tool,
                          finishedAt: new Date(last.finishedAt).toISOString(),
                          durationMs: last.durationMs,
                          status: last.result.status,
                          ...(last.result.diagnosis ? { verdict: last.result.diagnosis.verdict } : {}),
                        },
                      }
                    : {}),
                  failures: deps.latest.periodicFailures,
                },
              }
            : {}),
          warnings: deps.engine.warnings.map((w) => `${w.message} (${w.hint})`),
        };
        sendJson(res, 200, body);
      },
    },
  ];
}
