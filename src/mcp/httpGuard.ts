// Request checks for the HTTP servers (MCP Streamable HTTP, `etcd-analyzer serve`), before any processing:
// - Host must name this server on loopback (DNS rebinding: a foreign site's name resolving to 127.0.0.1) → 403
// - Origin, when a browser sends one, must be a loopback origin → 403
// - Bearer token, when configured, must match (constant-time) → 401
import { createHash, timingSafeEqual } from 'node:crypto';
import { UsageError } from '../core/util/usageError';

export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/** A bind address as it appears in Host headers and URLs: IPv6 in brackets, names lower-cased. */
export function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host.toLowerCase();
}

export interface GuardOptions {
  /** The port actually bound (Host must carry it). */
  port: number;
  /** Host names accepted in Host/Origin besides the loopback names (the bind address when it is not loopback). */
  extraHostnames?: string[];
  /** Expected bearer token; undefined = no authentication. */
  token?: string;
  /** The address to suggest when the Host is refused (default the MCP endpoint). */
  endpointPath?: string;
  /** Where the token comes from, named in the 401 message (default the MCP server's variable). */
  tokenSource?: string;
}

export interface GuardRequest {
  host?: string;
  origin?: string;
  authorization?: string;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function checkRequest(req: GuardRequest, opts: GuardOptions): GuardVerdict {
  const names = new Set([...LOOPBACK_HOSTNAMES, ...(opts.extraHostnames ?? []).map((h) => h.toLowerCase())]);
  const host = (req.host ?? '').trim().toLowerCase();
  if (!names.has(hostnameOf(host)) || portOf(host) !== opts.port) {
    return { ok: false, status: 403, message: `Forbidden: Host "${host.slice(0, 100)}" is not this server (use http://127.0.0.1:${opts.port}${opts.endpointPath ?? '/mcp'}).` };
  }
  if (req.origin !== undefined && !isAllowedOrigin(req.origin, names)) {
    return { ok: false, status: 403, message: `Forbidden: Origin "${req.origin.slice(0, 100)}" is not a localhost origin.` };
  }
  if (opts.token !== undefined && !bearerMatches(req.authorization, opts.token)) {
    return { ok: false, status: 401, message: `Unauthorized: send "Authorization: Bearer <token>" with the token from ${opts.tokenSource ?? 'ETCD_ANALYZER_MCP_TOKEN'}.` };
  }
  return { ok: true };
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i < 0 ? host : host.slice(0, i);
}

function portOf(host: string): number {
  const rest = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host.slice(Math.max(0, host.lastIndexOf(':')));
  if (!rest.startsWith(':')) return 80; // no port in Host means the default port
  return /^:\d{1,5}$/.test(rest) ? Number(rest.slice(1)) : -1;
}

function isAllowedOrigin(origin: string, names: Set<string>): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && names.has(u.hostname.toLowerCase());
  } catch {
    return false; // "null" (sandboxed pages, file://) and garbage are not localhost origins
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec((header ?? '').trim());
  if (!m) return false;
  // Hash both sides so the comparison is constant-time regardless of length.
  const a = createHash('sha256').update(m[1].trim()).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Anything but loopback is reachable by others: only with a token, and never the wildcard (Host checks would refuse every remote name anyway). */
export function checkBindAddress(host: string, token: string | undefined, tokenSource: string): void {
  const h = bracket(host);
  if (LOOPBACK_HOSTNAMES.includes(h)) return;
  if (h === '0.0.0.0' || h === '[::]') throw new UsageError(`--host ${host} binds every interface: bind one address (default 127.0.0.1)`);
  if (!token) throw new UsageError(`--host ${host} is not loopback: set ${tokenSource} so others cannot call the tools`);
}
