// Small answer helpers for the serve face: JSON, text, errors in one shape, and the bounded JSON body reader.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body read (tool inputs and report requests are a few hundred bytes). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Every error answer: `{ "error": { "status": 400, "message": "...", "hint": "..." } }`. */
export interface ErrorBody {
  error: { status: number; message: string; hint?: string };
}

/** An expected failure a handler throws: becomes its status and message (never a stack). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Headers on every answer: no sniffing, no framing by other sites, no caching of live data. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * JSON text with `<`, `>`, `&` and the JS line separators as \u escapes: the same value, but a response that is
 * ever read as HTML (a mislabelled proxy, an old browser) carries no markup from outside values.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, `${safeJson(value)}\n`, 'application/json; charset=utf-8', headers);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': contentType, 'Content-Length': String(body.length), ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

export function sendError(res: ServerResponse, status: number, message: string, hint?: string, headers: Record<string, string> = {}): void {
  const body: ErrorBody = { error: { status, message, ...(hint ? { hint } : {}) } };
  sendJson(res, status, body, headers);
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads a JSON body up to `max` bytes. An empty body is `undefined` (inputs with only defaults). */
export function readJsonBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      // Refuse before reading: the rest of the upload is discarded, not buffered.
      req.resume();
      return resolve({ ok: false, status: 413, message: `request body of ${declared} bytes is larger than ${max} bytes` });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > max) {
        finish({ ok: false, status: 413, message: `request body larger than ${max} bytes` });
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return finish({ ok: true, value: undefined });
      // A browser form post is not JSON: say so rather than "invalid JSON".
      if (type && type !== 'application/json' && !type.endsWith('+json')) {
        return finish({ ok: false, status: 415, message: `Content-Type "${type.slice(0, 60)}" is not JSON: send application/json` });
      }
      try {
        finish({ ok: true, value: JSON.parse(text) });
      } catch {
        finish({ ok: false, status: 400, message: 'the request body is not valid JSON' });
      }
    });
    req.on('error', () => finish({ ok: false, status: 400, message: 'the request body could not be read' }));
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
