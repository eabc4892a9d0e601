// A Prometheus on this machine is asked for uncompressed answers (gzip would cost both processes CPU on the same
// cores for nothing); a server that compresses anyway is still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createHttpTransport, isLoopback } from '../../src/core/source/http';

test('loopback host names', () => {
  for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'LOCALHOST']) assert.equal(isLoopback(h), true, h);
  for (const h of ['prometheus.example', '10.0.0.1', '128.0.0.1', '127.0.0.1.example', '::2']) assert.equal(isLoopback(h), false, h);
});

test('on loopback: Accept-Encoding identity; an answer gzipped unasked is still decompressed', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const body = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url?.includes('gzipped')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(body));
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const http = createHttpTransport({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxSockets: 2 });
  try {
    const plain = await http.send('GET', '/api/v1/query', undefined, 'up', 5000);
    assert.equal(seen[0]['accept-encoding'], 'identity');
    assert.equal(JSON.parse(plain.text).status, 'success');
    const gz = await http.send('GET', '/api/v1/gzipped', undefined, 'up', 5000);
    assert.equal(JSON.parse(gz.text).status, 'success');
  } finally {
    http.close();
    await new Promise((r) => server.close(r));
  }
});
