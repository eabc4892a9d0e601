// Small helpers for integration tests that wait on Prometheus (scrapes every 5 s) or talk to etcd's JSON gateway.
import { resolveConnection } from '../../src/core/config/connection';
import { createContext } from '../../src/core/context';
import type { AnalyzerContext } from '../../src/core/analyzers/types';

/** Instant query value of the first sample, or undefined (no sample / not reachable yet). */
export async function promValue(promUrl: string, query: string): Promise<number | undefined> {
  try {
    const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
    const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
    const v = body.data?.result?.[0]?.value[1];
    return v === undefined ? undefined : Number(v);
  } catch {
    return undefined;
  }
}

/** Polls until `ok(value)`; returns the last value seen. Bounded (default 60 s) so a broken bed fails, not hangs. */
export async function waitForProm(promUrl: string, query: string, ok: (v: number | undefined) => boolean, timeoutMs = 60_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let v: number | undefined;
  while (Date.now() < deadline) {
    v = await promValue(promUrl, query);
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return v;
}

/** POST to an etcd v3 JSON gateway path (`/v3/maintenance/status`, `/v3/maintenance/alarm`). */
export async function etcdGateway<T>(endpoint: string, path: string, body: unknown = {}): Promise<T> {
  const r = await fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  if (!r.ok) throw new Error(`${endpoint}${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export function contextFor(promUrl: string, etcdEndpoints: string[], selector?: string): AnalyzerContext {
  const { historyFile: _none, ...engine } = resolveConnection({ prometheus: promUrl, etcdEndpoints, etcdSelector: selector }, {});
  return createContext(engine);
}
