// The OpenAPI 3.1 document: valid against the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator), and it lists
// exactly the routes of the route table (method and path), with the tools' own input schemas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildRouter } from '../../src/serve/routes/index';
import { buildOpenApi, openApiPath } from '../../src/serve/openapi';
import { analyzerNames } from '../../src/core/analyzers/registry';
import { Router } from '../../src/serve/router';

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { anyOf?: { title: string }[] } }> }; security?: unknown[]; responses: Record<string, unknown> }>> };

describe('serve: OpenAPI document', () => {
  const router = buildRouter();
  const doc = buildOpenApi(router, '0.0.0-test') as unknown as Doc;

  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 2000));
    assert.equal(doc.openapi, '3.1.0');
  });

  it('the validator does fail a broken document (so the check above can fail)', async () => {
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { parameters?: unknown[] }>> };
    broken.paths['/healthz'].get.parameters = [{ name: 'x' }]; // a parameter without `in`
    const result = await new Validator().validate(broken as unknown as Record<string, unknown>);
    assert.equal(result.valid, false);
  });

  it('lists every route of the table, and nothing else', () => {
    const fromRouter = router.routes().map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`).sort();
    const fromDoc = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    assert.deepEqual(fromDoc, fromRouter);
    assert.ok(fromRouter.length >= 10);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
  });

  it('routes added by another module (the browser pages) appear too', () => {
    const r = buildRouter((rt: Router) => rt.add({ method: 'GET', path: '/ui/:page', doc: { summary: 'a page', responses: { 'text/html': undefined } }, handler: () => undefined }));
    const d = buildOpenApi(r, 'x') as unknown as Doc;
    assert.ok(d.paths['/ui/{page}']?.get);
  });

  it('the tool route carries every tool input schema; /healthz needs no token', () => {
    const body = doc.paths['/api/v1/tools/{name}'].post.requestBody!.content['application/json'].schema;
    assert.deepEqual(body.anyOf!.map((s) => s.title), [...analyzerNames]);
    assert.deepEqual(doc.paths['/healthz'].get.security, []);
    assert.ok(doc.paths['/api/v1/status'].get.responses['401'], 'token-protected routes document 401');
  });

  it('a route registered twice is refused at start-up', () => {
    const r = new Router();
    const route = { method: 'GET' as const, path: '/a/:x', doc: { summary: 's' }, handler: () => undefined };
    r.add(route);
    assert.throws(() => r.add({ ...route, path: '/a/:y' }), /registered twice/);
  });
});
