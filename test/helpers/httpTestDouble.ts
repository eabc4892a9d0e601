// TEST DOUBLE: an in-process HTTP(S) server on 127.0.0.1 standing in for Prometheus, the etcd gateway or a
// Kubernetes API in unit tests. It answers with whatever the test's handler returns and records each request.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Wait this long before answering (timeouts, concurrency). */
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export type Handler = (req: RecordedRequest, n: number) => Reply | Promise<Reply>;

export interface TestDouble {
  url: string;
  requests: RecordedRequest[];
  /** Requests being handled right now, and the maximum seen. */
  inFlight: number;
  peakInFlight: number;
  /** The underlying server (e.g. to attach a WebSocket upgrade handler). */
  server: http.Server;
  close(): Promise<void>;
}

export async function startTestDouble(handler: Handler, tls?: { key: string | Buffer; cert: string | Buffer }): Promise<TestDouble> {
  const state = { url: '', requests: [], inFlight: 0, peakInFlight: 0, close: async () => {} } as unknown as TestDouble;
  const timers = new Set<NodeJS.Timeout>();
  const listener: http.RequestListener = (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        headers: req.headers,
        body,
        form: new URLSearchParams(req.headers['content-type']?.includes('form') ? body : u.search),
      };
      state.requests.push(rec);
      state.inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
      try {
        const reply = await handler(rec, state.requests.length);
        if (reply.delayMs) await new Promise<void>((r) => { const t = setTimeout(() => { timers.delete(t); r(); }, reply.delayMs); timers.add(t); });
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        if (!res.destroyed) {
          res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
          res.end(text);
        }
      } finally {
        state.inFlight--;
      }
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  state.server = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A Prometheus vector answer. */
export function vector(samples: { labels: Record<string, string>; value: string }[], time = 1_700_000_000): object {
  return { status: 'success', data: { resultType: 'vector', result: samples.map((s) => ({ metric: s.labels, value: [time, s.value] })) } };
}

/** A 127.0.0.1 port that nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
