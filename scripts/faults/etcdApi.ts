// The few etcd v3 JSON-gateway calls the fault scenarios need (leader, member list, peer URL update, KV put,
// compaction), so no etcdctl process is spawned per call while the machine is under fault.
export interface MemberInfo {
  id: string;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
}

async function post<T>(endpoint: string, path: string, body: unknown, timeoutMs = 5000): Promise<T> {
  const r = await fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${endpoint}${path}: HTTP ${r.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** First endpoint that answers, for calls any member can serve. */
async function anyEndpoint<T>(endpoints: string[], f: (e: string) => Promise<T>): Promise<T> {
  let last: unknown;
  for (const e of endpoints) {
    try {
      return await f(e);
    } catch (err) {
      last = err;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

export async function memberList(endpoints: string[]): Promise<MemberInfo[]> {
  const r = await anyEndpoint(endpoints, (e) => post<{ members?: { ID: string; name: string; peerURLs?: string[]; clientURLs?: string[] }[] }>(e, '/v3/cluster/member/list', {}));
  return (r.members ?? []).map((m) => ({ id: m.ID, name: m.name, peerURLs: m.peerURLs ?? [], clientURLs: m.clientURLs ?? [] }));
}

/** The leader's member name, as the members that answer see it (undefined while there is none). */
export async function leaderName(endpoints: string[]): Promise<string | undefined> {
  const members = await memberList(endpoints).catch(() => [] as MemberInfo[]);
  for (const e of endpoints) {
    try {
      const s = await post<{ leader?: string }>(e, '/v3/maintenance/status', {}, 2000);
      const m = members.find((x) => x.id === s.leader);
      if (m) return m.name;
    } catch {
      /* that member is down or slow: ask the next */
    }
  }
  return undefined;
}

export async function dbSize(endpoint: string): Promise<{ dbSize: number; dbSizeInUse: number }> {
  const s = await post<{ dbSize?: string; dbSizeInUse?: string }>(endpoint, '/v3/maintenance/status', {});
  return { dbSize: Number(s.dbSize ?? 0), dbSizeInUse: Number(s.dbSizeInUse ?? 0) };
}

export async function updatePeerUrls(endpoints: string[], id: string, peerURLs: string[]): Promise<void> {
  await anyEndpoint(endpoints, (e) => post(e, '/v3/cluster/member/update', { ID: id, peerURLs }, 10_000));
}

export async function put(endpoint: string, key: string, value: string | Buffer, timeoutMs = 5000): Promise<{ revision: number }> {
  const r = await post<{ header?: { revision?: string } }>(endpoint, '/v3/kv/put', { key: b64(key), value: b64(value) }, timeoutMs);
  return { revision: Number(r.header?.revision ?? 0) };
}

export async function deletePrefix(endpoint: string, prefix: string): Promise<number> {
  // range_end = prefix with its last byte + 1: every key that starts with prefix.
  const end = Buffer.from(prefix);
  end[end.length - 1]++;
  const r = await post<{ deleted?: string }>(endpoint, '/v3/kv/deleterange', { key: b64(prefix), range_end: end.toString('base64') }, 30_000);
  return Number(r.deleted ?? 0);
}

export async function compact(endpoint: string, revision: number): Promise<void> {
  await post(endpoint, '/v3/kv/compaction', { revision: String(revision), physical: true }, 60_000);
}

export async function alarms(endpoint: string): Promise<string[]> {
  const r = await post<{ alarms?: { alarm?: string; memberID?: string }[] }>(endpoint, '/v3/maintenance/alarm', { action: 'GET' });
  return (r.alarms ?? []).map((a) => `${a.alarm ?? 'NONE'}@${a.memberID ?? '?'}`);
}

export async function disarmAll(endpoint: string): Promise<void> {
  const r = await post<{ alarms?: { alarm?: string; memberID?: string }[] }>(endpoint, '/v3/maintenance/alarm', { action: 'GET' });
  for (const a of r.alarms ?? []) {
    await post(endpoint, '/v3/maintenance/alarm', { action: 'DEACTIVATE', memberID: a.memberID, alarm: a.alarm });
  }
}
