// The OpenAPI 3.1 document of the serve face, generated from the route table and the same zod schemas the handlers
// validate with (zod 4's toJSONSchema, JSON Schema 2020-12 = OpenAPI 3.1's dialect). Every route is listed.
import { z } from 'zod';
import type { Route, Router } from './router';
import { errorSchema } from './schemas';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: the message names the field',
  401: 'Missing or wrong bearer token',
  403: 'Foreign Host or Origin',
  404: 'Unknown name',
  413: 'Request body too large',
  415: 'Request body is not JSON',
  502: 'The data source failed: the body is the failed AnalyzerResult',
  503: 'Not available now: history is off in this server, or too many analyses are running (Retry-After)',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** `/api/v1/tools/:name` → `/api/v1/tools/{name}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function operationId(r: Route): string {
  const words = r.path
    .split('/')
    .filter(Boolean)
    .filter((s) => s !== 'api' && s !== 'v1')
    .map((s) => (s.startsWith(':') ? `by_${s.slice(1)}` : s.replace(/[^A-Za-z0-9]+/g, '_')));
  return [r.method.toLowerCase(), ...words].join('_') || r.method.toLowerCase();
}

function operation(r: Route): Record<string, unknown> {
  const d = r.doc;
  const parameters: Record<string, unknown>[] = [];
  for (const m of r.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (d.query) {
    const q = jsonSchema(d.query, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...s } = schema;
      parameters.push({ name, in: 'query', required: (q.required ?? []).includes(name), ...(description ? { description } : {}), schema: s });
    }
  }
  const content: Record<string, unknown> = {};
  for (const [type, schema] of Object.entries(d.responses ?? { 'application/json': undefined })) {
    content[type] = schema ? { schema: jsonSchema(schema, 'output') } : type === 'application/json' ? { schema: {} } : { schema: { type: 'string' } };
  }
  const responses: Record<string, unknown> = { '200': { description: 'OK', content } };
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  const codes = new Set([...(d.errors ?? []), ...(d.auth === false ? [403] : [401, 403])]);
  for (const code of [...codes].sort()) {
    responses[String(code)] = { description: STATUS_TEXT[code] ?? 'Error', content: code === 502 ? { ...content, ...errorContent } : errorContent };
  }
  const body = d.body ? jsonSchema(d.body, 'input') : d.bodyJsonSchema;
  return {
    operationId: operationId(r),
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: { required: false, content: { 'application/json': { schema: body } } } } : {}),
    responses,
    ...(d.auth === false ? { security: [] } : {}),
  };
}

export function buildOpenApi(router: Router, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of router.routes()) {
    const p = openApiPath(r.path);
    (paths[p] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'etcd Performance Analyzer',
      version,
      description: 'REST API of `etcd-analyzer serve`: the analyzers (tools), the performance report, stored history, the server status and /metrics.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Only when the server has a token (ETCD_ANALYZER_SERVE_TOKEN or --serve-token-file)' } },
    },
    security: [{ bearer: [] }, {}],
  };
}
