// TEST DOUBLE: a loopback proxy in front of a real Prometheus that breaks on purpose. `fail` answers 503 for
// queries matching a pattern (Prometheus failing mid-answer) and forwards the rest; `hang` never answers (to prove
// cancellation aborts in-flight requests: `aborted` counts requests whose client gave up).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultyPrometheus {
  url: string;
  /** Queries seen (PromQL text), in order. */
  queries: string[];
  failed: string[];
  aborted: number;
  close(): Promise<void>;
}

export type Fault = { mode: 'fail'; match: RegExp } | { mode: 'hang' };

export async function startFaultyPrometheus(target: string, fault: Fault): Promise<FaultyPrometheus> {
  const up = new URL(target);
  const state: FaultyPrometheus = { url: '', queries: [], failed: [], aborted: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const query = new URLSearchParams(body).get('query') ?? u.searchParams.get('query') ?? '';
      state.queries.push(query);
      if (fault.mode === 'hang') {
        res.on('close', () => {
          if (!res.writableEnded) state.aborted++;
        });
        return; // never answer
      }
      if (query && fault.match.test(query)) {
        state.failed.push(query);
        res.writeHead(503, { 'content-type': 'text/plain' }).end('injected failure (test double)');
        return;
      }
      const fwd = request(
        { hostname: up.hostname, port: up.port, path: req.url, method: req.method, headers: { ...req.headers, host: up.host } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      fwd.on('error', () => res.headersSent || res.writeHead(502).end());
      fwd.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}
