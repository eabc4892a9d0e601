// One HTTP exchange with a data source, the careful way: redirects are never followed and the reply is read with a
// size cap. Used for Prometheus/Thanos, the etcd gateway and the Kubernetes API.
//
// Why no redirects: none of these APIs redirect, so a 3xx means a login proxy, a wrong path or a moved host; following
// it would send the query (and, for same-host hops, the token) somewhere the user did not name. It also sidesteps
// node-fetch 3.3.2 crashing the whole process on 307/308 hops (an uncaught TypeError outside the promise).
// Why a cap: a misconfigured or hostile endpoint can answer gigabytes (or a small gzip that inflates to gigabytes);
// bytes are counted after decompression and the read stops at the cap.
import fetch, { type RequestInit } from 'node-fetch';

export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;

/** The server answered a redirect: never followed. `location` is already stripped of credentials. */
export class RedirectRefused extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`answered a redirect (HTTP ${status}) to ${location || 'an unnamed location'}; redirects are not followed`);
    this.name = 'RedirectRefused';
  }
}

/** The reply (after decompression) is larger than the cap. */
export class ReplyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the reply is larger than ${formatMiB(limitBytes)} (after decompression); reading stopped`);
    this.name = 'ReplyTooLarge';
  }
}

/** The connection broke while the body was being read (headers had arrived): the answer is incomplete. */
export class ReplyCutOff extends Error {
  constructor(
    readonly bytesRead: number,
    reason: unknown,
  ) {
    const c = reason as { code?: string; message?: string };
    super(`the answer was cut off after ${bytesRead} bytes (${c?.code ?? String(c?.message ?? reason).slice(0, 80)})`);
    this.name = 'ReplyCutOff';
  }
}

export interface BoundedReply {
  status: number;
  text: string;
  header(name: string): string | null;
}

export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Location header without userinfo or query (it may carry a session ticket), relative to `url`. */
export function describeLocation(location: string | null, url: string): string {
  if (!location) return '';
  try {
    const u = new URL(location, url);
    u.username = '';
    u.password = '';
    const hadQuery = u.search !== '';
    u.search = '';
    u.hash = '';
    return `${u.toString()}${hadQuery ? '?…' : ''}`.slice(0, 300);
  } catch {
    return '(an invalid URL)';
  }
}

/**
 * fetch with `redirect: 'manual'` and a reply cap. Throws RedirectRefused on 3xx (except 304), ReplyTooLarge when the
 * body passes `maxBytes`; network errors propagate as node-fetch throws them (callers classify them).
 */
export async function boundedFetch(url: string, init: RequestInit, maxBytes: number = DEFAULT_MAX_REPLY_BYTES): Promise<BoundedReply> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const header = (name: string) => res.headers.get(name);
  if (res.status >= 300 && res.status < 400 && res.status !== 304) {
    res.body?.resume?.();
    throw new RedirectRefused(res.status, describeLocation(header('location'), url));
  }
  const declared = Number(header('content-length'));
  // A declared length only counts when the body is not compressed (compressed bodies are counted as they inflate).
  if (!header('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
    (res.body as unknown as { destroy?: () => void })?.destroy?.();
    throw new ReplyTooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (res.body) {
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer | string>) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        total += buf.length;
        if (total > maxBytes) {
          (res.body as unknown as { destroy?: () => void }).destroy?.();
          throw new ReplyTooLarge(maxBytes);
        }
        chunks.push(buf);
      }
    } catch (err) {
      // An abort (timeout, cancel) is the caller's to explain; anything else here is a reply cut short.
      if (err instanceof ReplyTooLarge || (err as Error)?.name === 'AbortError' || init.signal?.aborted) throw err;
      throw new ReplyCutOff(total, err);
    }
  }
  return { status: res.status, text: Buffer.concat(chunks, total).toString('utf8'), header };
}
