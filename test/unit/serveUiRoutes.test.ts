// The browser UI's routes in serve's table: documented in a valid OpenAPI document (as every route), pages need no
// token while the message endpoints do, and the page HTML has no inline script and a nonce-only script policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildRouter } from '../../src/serve/routes/index';
import { buildOpenApi } from '../../src/serve/openapi';
import { registerUiRoutes } from '../../src/serve/ui/routes';
import { PAGES, renderPage } from '../../src/serve/ui/pages';

test('the UI routes are in a valid OpenAPI document', async () => {
  const router = buildRouter(registerUiRoutes);
  const doc = buildOpenApi(router, '0.0.0-test') as { paths: Record<string, unknown> };
  const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
  assert.equal(result.valid, true, JSON.stringify(result.errors)?.slice(0, 1500));
  for (const p of ['/', '/report', '/history', '/chat', '/api/v1/ui/{view}/messages', '/api/v1/ui/chat', '/ui/assets/{name}']) assert.ok(doc.paths[p], p);
  const auth = new Map(router.routes().map((r) => [`${r.method} ${r.path}`, r.doc.auth !== false]));
  assert.equal(auth.get('GET /'), false);
  assert.equal(auth.get('POST /api/v1/ui/:view/messages'), true);
  assert.equal(auth.get('POST /api/v1/ui/chat'), true);
});

test('each page: a fresh nonce per response, scripts only by src with it, nothing inline', () => {
  for (const p of PAGES) {
    const a = renderPage(p);
    const b = renderPage(p);
    const nonce = /'nonce-([^']+)'/.exec(a.csp)?.[1];
    assert.ok(nonce);
    assert.notEqual(a.csp, b.csp, 'nonce differs between responses');
    const scripts = [...a.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
    for (const s of scripts) {
      assert.match(s, / src="\/ui\/assets\/[a-zA-Z]+\.js"/);
      assert.ok(s.includes(`nonce="${nonce}"`));
    }
    assert.match(a.csp, /^default-src 'none'; script-src 'nonce-[^']+'; style-src 'self';/);
  }
});
