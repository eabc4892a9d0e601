// A loopback HTTP proxy in front of Prometheus that counts requests in flight, to measure the concurrency a
// client really puts on Prometheus (the engine's cap is 8). Used by the MCP load test and bench.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  readonly url: string;
  readonly inFlight: number;
  readonly peak: number;
  readonly total: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const up = new URL(target);
  let inFlight = 0;
  let peak = 0;
  let total = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    total++;
    peak = Math.max(peak, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('close', finish);
    const fwd = request(
      { hostname: up.hostname, port: up.port, path: `${up.pathname.replace(/\/$/, '')}${req.url}`, method: req.method, headers: { ...req.headers, host: up.host } },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    fwd.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy error: ${err.message}`);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get inFlight() {
      return inFlight;
    },
    get peak() {
      return peak;
    },
    get total() {
      return total;
    },
    reset() {
      peak = inFlight;
      total = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
