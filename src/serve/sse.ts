// Server-Sent Events for long runs: `text/event-stream`, a comment heartbeat so proxies and browsers keep the
// stream open, and nothing written after the client went away.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASE_HEADERS, safeJson } from './http';

export interface SseStream {
  /** Sends one event; JSON-encoded data (a JSON text never contains a raw newline, so one `data:` line). */
  send(event: string, data: unknown): void;
  /** Ends the stream (idempotent). */
  close(): void;
  readonly closed: boolean;
}

export const HEARTBEAT_MS = 15_000;

/** Whether the client asked for a stream (`?stream=1` or `Accept: text/event-stream`). */
export function wantsSse(req: IncomingMessage, query: URLSearchParams): boolean {
  const s = query.get('stream');
  if (s === '1' || s === 'true') return true;
  return String(req.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

export function openSse(res: ServerResponse, heartbeatMs = HEARTBEAT_MS): SseStream {
  res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  let closed = false;
  const timer = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  timer.unref();
  const stop = () => {
    closed = true;
    clearInterval(timer);
  };
  res.on('close', stop);
  return {
    send(event, data) {
      if (closed || res.writableEnded) return;
      const name = event.replace(/[^A-Za-z0-9_-]/g, '');
      res.write(`event: ${name}\ndata: ${safeJson(data)}\n\n`);
    },
    close() {
      if (closed && res.writableEnded) return;
      stop();
      if (!res.writableEnded) res.end();
    },
    get closed() {
      return closed;
    },
  };
}
