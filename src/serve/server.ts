// The serve face's HTTP server (node:http): Host/Origin checks and the bearer token before any route runs, one
// route table, a fresh AbortSignal per request (aborted when the client goes away), every failure answered as
// JSON and never a crash, and a graceful stop: stop accepting, let in-flight requests finish (bounded), then exit.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../core/util/log';
import { redactSecrets } from '../core/util/redact';
import { bracket, checkRequest, LOOPBACK_HOSTNAMES } from '../mcp/httpGuard';
import type { ServeDeps } from './deps';
import { header, HttpError, readJsonBody, sendError } from './http';
import type { Router } from './router';
import { listen } from '../core/util/listen';

export const SERVE_TOKEN_ENV = 'ETCD_ANALYZER_SERVE_TOKEN';

export interface ServeServerOptions {
  router: Router;
  deps: ServeDeps;
  log: Logger;
  host: string;
  /** 0 = pick a free port (tests). */
  port: number;
  /** Bearer token every route but the open ones (/healthz) requires; undefined = none (loopback only). */
  token?: string;
  /** Host names accepted in Host/Origin besides loopback and the bind address (a Service name in a cluster). */
  allowHosts?: string[];
  /** How long a stop waits for in-flight requests before closing their sockets (default 60 s). */
  shutdownGraceMs?: number;
}

export interface RunningServeServer {
  readonly url: string;
  readonly port: number;
  /** Fires when a stop begins: long-lived streams that are not runs (live views) end then. */
  readonly shutdown: AbortSignal;
  /** Stops accepting, waits for in-flight requests (bounded), closes. */
  close(): Promise<void>;
}

export async function startServeServer(opts: ServeServerOptions): Promise<RunningServeServer> {
  const { router, log } = opts;
  const extraHostnames = [...(LOOPBACK_HOSTNAMES.includes(bracket(opts.host)) ? [] : [bracket(opts.host)]), ...(opts.allowHosts ?? [])];
  const stopping = new AbortController();
  let port = opts.port;
  let active = 0;
  let onIdle: (() => void) | undefined;

  const http: Server = createServer((req, res) => {
    active++;
    res.on('close', () => {
      active--;
      if (active === 0) onIdle?.();
    });
    dispatch(req, res).catch((err: unknown) => {
      // A handler bug: answered as 500 without details, logged, and the server goes on.
      log.error(`${req.method} ${(req.url ?? '').slice(0, 200)} failed: ${redactSecrets(err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 2000)}`);
      if (!res.headersSent) sendError(res, 500, 'internal error while answering this request', 'see the server log');
      else res.end();
    });
  });
  // Slow clients cannot hold sockets for ever: headers within 20 s, the whole request (not the answer: runs may
  // take minutes) within 60 s.
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;
  http.keepAliveTimeout = 5_000;

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (stopping.signal.aborted) res.setHeader('Connection', 'close');
    const where = { host: req.headers.host, origin: header(req, 'origin'), authorization: header(req, 'authorization') };
    const guardOpts = { port, extraHostnames, endpointPath: '/', tokenSource: `${SERVE_TOKEN_ENV} or --serve-token-file` };
    const place = checkRequest(where, guardOpts);
    if (!place.ok && place.status === 403) return refuse(req, res, 403, place.message);

    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://serve.invalid');
    } catch {
      return sendError(res, 400, 'the request target is not a valid path');
    }
    const match = router.match(req.method ?? 'GET', url.pathname);
    const open = match.kind === 'found' && match.route.doc.auth === false;
    if (!open && opts.token !== undefined) {
      const auth = checkRequest(where, { ...guardOpts, token: opts.token });
      if (!auth.ok) return refuse(req, res, auth.status, auth.message);
    }
    if (match.kind === 'none') return sendError(res, 404, `no route ${url.pathname.slice(0, 200)}`, 'GET /api/v1/openapi.json lists every route');
    if (match.kind === 'method') {
      return sendError(res, 405, `${String(req.method).slice(0, 10)} is not allowed on ${url.pathname.slice(0, 200)}`, `use ${match.allow.join(' or ')}`, { Allow: match.allow.join(', ') });
    }

    const ac = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ac.abort(new Error('the client went away'));
    });
    let bodyRead: Promise<unknown> | undefined;
    try {
      await match.route.handler({
        req,
        res,
        params: match.params,
        query: url.searchParams,
        signal: ac.signal,
        shutdown: stopping.signal,
        deps: opts.deps,
        body: () =>
          (bodyRead ??= readJsonBody(req).then((b) => {
            if (!b.ok) throw new HttpError(b.status, b.message, b.status === 413 ? 'send a smaller body' : 'send a JSON object, e.g. {"duration":"1h"}');
            return b.value;
          })),
      });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (err.status === 413) res.setHeader('Connection', 'close');
      sendError(res, err.status, err.message, err.hint, err.headers);
    }
  }

  function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 403, message: string): void {
    log.warn(`refused ${String(req.method).slice(0, 10)} ${(req.url ?? '').slice(0, 200)}: ${status} ${message}`);
    // The body of a refused request is not read: close the connection rather than parse what follows.
    res.setHeader('Connection', 'close');
    sendError(res, status, message, undefined, status === 401 ? { 'WWW-Authenticate': 'Bearer realm="etcd-analyzer"' } : {});
  }

  port = await listen(http, opts.port, opts.host);
  const url = `http://${bracket(opts.host)}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    shutdown: stopping.signal,
    close() {
      closing ??= new Promise<void>((resolve) => {
        stopping.abort();
        http.close(() => resolve());
        http.closeIdleConnections();
        const grace = opts.shutdownGraceMs ?? 60_000;
        const timer = setTimeout(() => {
          if (active > 0) log.warn(`stopping: ${active} request(s) still running after ${grace} ms, closing their connections`);
          http.closeAllConnections();
        }, grace);
        timer.unref();
        // In-flight answers end their sockets themselves (Connection: close was set once stopping began).
        onIdle = () => {
          http.closeIdleConnections();
        };
        if (active === 0) onIdle();
        http.once('close', () => clearTimeout(timer));
      });
      return closing;
    },
  };
}
