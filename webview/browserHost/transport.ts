// Fetch to the serve API with the bearer token when the page was opened with one (`#token=…`: a fragment never
// reaches a server or a log; kept in sessionStorage, removed from the address bar), and a reader for the
// Server-Sent Events an answer streams (fetch, not EventSource: EventSource can neither POST nor send a header).
const TOKEN_KEY = 'etcd-analyzer.token';

function takeToken(): string | undefined {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    try {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    } catch {
      // no storage: the token lives for this page only
    }
    history.replaceState(null, '', location.pathname + location.search);
    return decodeURIComponent(m[1]);
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

const token = takeToken();

export function apiFetch(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(path, { method: 'POST', headers, body: JSON.stringify(body), signal, credentials: 'omit', redirect: 'error' });
}

/** Calls `on(event, data)` for each event of an SSE response body as it arrives. */
export async function readEvents(res: Response, on: (event: string, data: unknown) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (!data) continue; // keep-alive comment
      try {
        on(event, JSON.parse(data));
      } catch (err) {
        console.warn(`etcd-analyzer: bad event ${event}: ${String(err)}`);
      }
    }
  }
}
