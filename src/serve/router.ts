// The serve face's route table: routes are plain values ({ method, path, handler, doc }) that any module adds
// (the REST API, the browser pages), so one table drives dispatch, 404/405 answers and the OpenAPI document.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ServeDeps } from './deps';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a handler gets for one request. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** `:name` segments of the path, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the client goes away before the answer is finished (a run stops its queries then). */
  signal: AbortSignal;
  /** Aborted when the server begins to stop: long-lived streams that are not runs (live views) end then. */
  shutdown: AbortSignal;
  deps: ServeDeps;
  /** The request body as JSON, bounded (413 above the limit, 400 when not JSON); `undefined` for an empty body. */
  body(): Promise<unknown>;
}

/** How the route appears in the OpenAPI document (every route has one: the document lists the whole table). */
export interface RouteDoc {
  summary: string;
  description?: string;
  tags?: string[];
  /** Query parameters (an object schema; each property becomes one parameter). */
  query?: z.ZodObject<z.ZodRawShape>;
  /** JSON request body. */
  body?: z.ZodType;
  /** A JSON schema instead of a zod one (tools: one schema per tool). */
  bodyJsonSchema?: Record<string, unknown>;
  /** Answer media types → schema (zod) or undefined for free-form (HTML, text). Default: application/json, no schema. */
  responses?: Record<string, z.ZodType | undefined>;
  /** Status codes besides 200 this route answers with on purpose (400, 404, 413…). */
  errors?: number[];
  /** Whether the bearer token applies (default true; /healthz is open so probes need no secret). */
  auth?: boolean;
}

export interface Route {
  method: Method;
  /** `/api/v1/tools/:name`: literal segments and `:param` segments, no wildcards. */
  path: string;
  doc: RouteDoc;
  handler(ctx: RouteContext): Promise<void> | void;
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allow: Method[] }
  | { kind: 'none' };

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

export class Router {
  private readonly table: Route[] = [];

  /** Adds routes; the same method and path twice is a programming mistake and throws at start-up. */
  add(...routes: Route[]): this {
    for (const r of routes) {
      if (!r.path.startsWith('/')) throw new Error(`route path must start with /: ${r.path}`);
      if (this.table.some((t) => t.method === r.method && samePattern(t.path, r.path))) throw new Error(`route ${r.method} ${r.path} registered twice`);
      this.table.push(r);
    }
    return this;
  }

  routes(): readonly Route[] {
    return this.table;
  }

  match(method: string, pathname: string): Match {
    const segs = splitPath(pathname);
    if (!segs) return { kind: 'none' };
    const allow: Method[] = [];
    // Literal routes win over parameter routes (`/history/runs` before `/history/:x`).
    const candidates = [...this.table].sort((a, b) => paramCount(a.path) - paramCount(b.path));
    for (const r of candidates) {
      const params = matchPattern(r.path, segs);
      if (!params) continue;
      if (r.method === method || (method === 'HEAD' && r.method === 'GET')) return { kind: 'found', route: r, params };
      if (!allow.includes(r.method)) allow.push(r.method);
    }
    return allow.length ? { kind: 'method', allow } : { kind: 'none' };
  }
}

/** `/a//b/` → ['a','b']; undefined when a segment is not valid percent-encoding. */
function splitPath(pathname: string): string[] | undefined {
  const out: string[] = [];
  for (const s of pathname.split('/')) {
    if (!s) continue;
    try {
      out.push(decodeURIComponent(s));
    } catch {
      return undefined;
    }
  }
  return out;
}

function matchPattern(pattern: string, segs: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = PARAM.exec(parts[i]);
    if (p) params[p[1]] = segs[i];
    else if (parts[i] !== segs[i]) return undefined;
  }
  return params;
}

function paramCount(path: string): number {
  return path.split('/').filter((s) => PARAM.test(s)).length;
}

function samePattern(a: string, b: string): boolean {
  const norm = (p: string) => p.split('/').filter(Boolean).map((s) => (PARAM.test(s) ? ':' : s)).join('/');
  return norm(a) === norm(b);
}
