import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequest } from '../../src/mcp/httpGuard';

const port = 8001;

test('loopback Host with the right port passes, with or without a localhost Origin', () => {
  for (const host of ['127.0.0.1:8001', 'localhost:8001', '[::1]:8001', 'LOCALHOST:8001']) {
    assert.deepEqual(checkRequest({ host }, { port }), { ok: true }, host);
  }
  for (const origin of ['http://localhost:3000', 'https://127.0.0.1', 'http://[::1]:8001']) {
    assert.deepEqual(checkRequest({ host: '127.0.0.1:8001', origin }, { port }), { ok: true }, origin);
  }
});

test('foreign or malformed Host is refused with 403 (DNS rebinding)', () => {
  for (const host of ['evil.example:8001', '127.0.0.1:8002', '127.0.0.1', 'localhost.evil.com:8001', '', '127.0.0.1:80x', '[::2]:8001']) {
    const v = checkRequest({ host }, { port });
    assert.equal(v.ok, false, host);
    if (!v.ok) {
      assert.equal(v.status, 403);
      assert.match(v.message, /Host/);
    }
  }
});

test('foreign, null or non-http Origin is refused with 403', () => {
  for (const origin of ['http://evil.example', 'null', 'file:///x', 'http://127.0.0.1.evil.com', 'not a url']) {
    const v = checkRequest({ host: 'localhost:8001', origin }, { port });
    assert.ok(!v.ok && v.status === 403 && /Origin/.test(v.message), origin);
  }
});

test('bearer token: missing or wrong → 401, right → ok; Host is checked first', () => {
  const opts = { port, token: 's3cret' };
  for (const authorization of [undefined, '', 'Bearer', 'Bearer wrong', 'Basic s3cret', 's3cret']) {
    const v = checkRequest({ host: '127.0.0.1:8001', authorization }, opts);
    assert.ok(!v.ok && v.status === 401, String(authorization));
    if (!v.ok) assert.doesNotMatch(v.message, /s3cret/);
  }
  assert.deepEqual(checkRequest({ host: '127.0.0.1:8001', authorization: 'Bearer s3cret' }, opts), { ok: true });
  assert.deepEqual(checkRequest({ host: '127.0.0.1:8001', authorization: 'bearer  s3cret ' }, opts), { ok: true });
  const v = checkRequest({ host: 'evil:8001', authorization: 'Bearer s3cret' }, opts);
  assert.ok(!v.ok && v.status === 403);
});

test('an explicit non-loopback bind address is accepted as Host', () => {
  assert.deepEqual(checkRequest({ host: '10.1.2.3:8001' }, { port, extraHostnames: ['10.1.2.3'] }), { ok: true });
  assert.equal(checkRequest({ host: '10.1.2.4:8001' }, { port, extraHostnames: ['10.1.2.3'] }).ok, false);
});
