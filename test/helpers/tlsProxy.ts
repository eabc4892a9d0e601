// A TLS-terminating reverse proxy on 127.0.0.1 in front of a plain-HTTP Prometheus, standing in for the OpenShift
// router in front of the Thanos querier (route TLS): the analyzer reaches the local Prometheus over verified HTTPS
// at the route's host. It records the Authorization header it saw (the bearer token must arrive, never anything else).
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TlsProxy {
  /** `127.0.0.1:<port>`: the host a Route would carry. */
  host: string;
  authSeen: Set<string>;
  requests: number;
  close(): Promise<void>;
}

export async function startTlsProxy(target: string, tls: { key: Buffer; cert: Buffer }): Promise<TlsProxy> {
  const to = new URL(target);
  const state = { authSeen: new Set<string>(), requests: 0 };
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    state.requests++;
    state.authSeen.add(String(req.headers.authorization ?? ''));
    const up = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host }, timeout: 60_000 },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    get authSeen() {
      return state.authSeen;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
