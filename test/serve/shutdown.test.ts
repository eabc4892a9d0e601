// SIGTERM during a run: the server stops accepting, the run in flight finishes and its client gets the whole
// answer (one JSON body, or a stream through its `result` event), then the process exits 0.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { bedPromUrl, parseSse, rawRequest, startServe } from '../helpers/serveProcess';

async function waitForRun(url: string): Promise<boolean> {
  // Bounded: 400 polls × 25 ms.
  for (let i = 0; i < 400; i++) {
    const s = JSON.parse((await rawRequest(`${url}/api/v1/status`)).body) as { inFlight: unknown[] };
    if (s.inFlight.length > 0) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('serve: graceful stop', () => {
  it('SIGTERM while a report runs: the client gets the full JSON report, exit 0', async () => {
    const srv = await startServe(['--port', '0', '--prometheus', bedPromUrl()]);
    try {
      const answer = rawRequest(`${srv.url}/api/v1/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"format":"json","duration":"1h"}' });
      assert.ok(await waitForRun(srv.url), 'the report run was seen in flight');
      srv.child.kill('SIGTERM');
      const r = await answer;
      assert.equal(r.status, 200);
      const result = JSON.parse(r.body);
      assert.equal(result.tool, 'generate_etcd_performance_report');
      assert.ok(result.metrics.length > 0, 'a complete report, not a cut-off one');
      assert.equal(await srv.exited, 0, srv.stderr());
      assert.match(srv.stderr(), /stopping: SIGTERM/);
      // Stopped means stopped: nothing listens any more.
      await assert.rejects(rawRequest(`${srv.url}/healthz`), /ECONNREFUSED/);
    } finally {
      await srv.stop();
    }
  });

  it('SIGTERM during a streamed run: progress, then the result event, then exit 0', async () => {
    const srv = await startServe(['--port', '0', '--prometheus', bedPromUrl()]);
    try {
      const u = new URL(srv.url);
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, path: '/api/v1/report?stream=1', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          let signalled = false;
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            text += d;
            if (!signalled && text.includes('event: progress')) {
              signalled = true;
              srv.child.kill('SIGTERM');
            }
          });
          res.on('end', () => resolve(text));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end('{"format":"markdown","duration":"1h"}');
      });
      const events = parseSse(body);
      assert.ok(events.some((e) => e.event === 'progress'));
      const last = events.at(-1)!;
      assert.equal(last.event, 'result', `the stream ends with the result (got ${last.event})`);
      assert.match((last.data as { text: string }).text, /^#/m, 'the markdown report');
      assert.equal(await srv.exited, 0, srv.stderr());
    } finally {
      await srv.stop();
    }
  });

  it('a client that goes away mid-run stops its run (the queries are aborted), and the server goes on', async () => {
    const srv = await startServe(['--port', '0', '--prometheus', bedPromUrl()]);
    try {
      const u = new URL(srv.url);
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, path: '/api/v1/report?stream=1', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.on('data', (d: Buffer) => {
            if (d.toString().includes('event: progress')) {
              req.destroy();
              resolve();
            }
          });
        });
        req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
        req.end('{"format":"json","duration":"7d"}');
      });
      // Bounded: 400 polls × 25 ms for the run to end.
      let inFlight = 1;
      for (let i = 0; i < 400 && inFlight > 0; i++) {
        inFlight = (JSON.parse((await rawRequest(`${srv.url}/api/v1/status`)).body) as { inFlight: unknown[] }).inFlight.length;
        if (inFlight > 0) await new Promise((r) => setTimeout(r, 25));
      }
      assert.equal(inFlight, 0, 'the run ended');
      assert.match(srv.stderr(), /generate_etcd_performance_report stopped after \d+ ms: the client went away/);
      assert.equal((await rawRequest(`${srv.url}/healthz`)).status, 200);
    } finally {
      assert.equal(await srv.stop(), 0);
    }
  });
});
