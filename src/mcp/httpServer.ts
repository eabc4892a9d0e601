// Streamable HTTP transport on node's http module, stateless: every POST /mcp gets its own McpServer + transport.
// Why stateless: the tools are plain request → result (no server-initiated messages, no subscriptions), so sessions
// would only add memory to expire and a sticky-state failure mode; any request can be answered in isolation, and
// the one shared engine still bounds Prometheus load across all of them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Logger } from '../core/util/log';
import type { McpEngine } from './engine';
import { createMcpServer } from './server';
import { bracket, checkRequest, LOOPBACK_HOSTNAMES } from './httpGuard';
import { listen } from '../core/util/listen';

export const MCP_PATH = '/mcp';
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  engine: McpEngine;
  log: Logger;
  host: string;
  /** 0 = pick a free port (tests). */
  port: number;
  token?: string;
}

export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  // The command refuses wildcard binds (checkBindAddress), so the bind address is the one name clients use.
  const extraHostnames = LOOPBACK_HOSTNAMES.includes(bracket(opts.host)) ? [] : [bracket(opts.host)];
  let port = opts.port;
  const http: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.log.error(`HTTP request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal server error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(
      { host: req.headers.host, origin: header(req, 'origin'), authorization: header(req, 'authorization') },
      { port, extraHostnames, token: opts.token },
    );
    if (!verdict.ok) {
      opts.log.warn(`refused ${req.method} ${req.url}: ${verdict.status} ${verdict.message}`);
      if (verdict.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="etcd-analyzer-mcp"');
      return sendJsonRpcError(res, verdict.status, -32001, verdict.message);
    }
    const path = (req.url ?? '').split('?')[0];
    if (path !== MCP_PATH) return sendJsonRpcError(res, 404, -32601, `Not found: the MCP endpoint is ${MCP_PATH}`);
    if (req.method !== 'POST') {
      // Stateless: no standalone SSE stream (GET) and no session to delete (DELETE).
      res.setHeader('Allow', 'POST');
      return sendJsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, use POST');
    }
    const body = await readJsonBody(req);
    if (!body.ok) return sendJsonRpcError(res, body.status, -32700, body.message);

    const server = createMcpServer(opts.engine, opts.log);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body.value);
  }

  port = await listen(http, opts.port, opts.host);
  const url = `http://${bracket(opts.host)}:${port}${MCP_PATH}`;

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
        // In-flight calls get a moment to finish; then the sockets go.
        setTimeout(() => http.closeAllConnections(), 2000).unref();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES && !done) {
        done = true;
        resolve({ ok: false, status: 413, message: `Request body larger than ${MAX_BODY_BYTES} bytes` });
        req.resume();
      } else if (!done) chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, status: 400, message: 'Parse error: the request body is not valid JSON' });
      }
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400, message: 'Request body could not be read' });
      done = true;
    });
  });
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
