// Cluster status from etcd itself through its v3 JSON gateway (generic profile): status of every member
// (configured endpoints plus the client URLs the member list advertises, like `etcdctl --cluster`), the
// member list, and alarms. A member that does not answer is reported unhealthy with the error; others still show.
import type * as http from 'node:http';
import type { ClusterStatusProvider, EtcdClusterStatus, EtcdMemberStatus } from './clusterStatusTypes';
import { SourceError, type TlsOptions } from './types';
import { createAgent, loadTls, type TlsMaterial } from './tls';
import { errorCode, isTlsError } from './errors';
import { alarmName, hostPort, toHexId } from './etcdIds';
import { boundedFetch, RedirectRefused, ReplyTooLarge, type BoundedReply } from './boundedFetch';

/** A status, member list or alarm list is small; anything bigger is not etcd. */
const MAX_GATEWAY_REPLY_BYTES = 8 * 1024 * 1024;

export interface GatewayOptions {
  timeoutMs?: number; // per request, default 5000
}

interface StatusJson {
  header?: { cluster_id?: string; member_id?: string };
  version?: string;
  dbSize?: string;
  dbSizeInUse?: string;
  leader?: string;
  raftIndex?: string;
  raftTerm?: string;
  raftAppliedIndex?: string;
  errors?: string[];
}
interface MemberJson {
  ID?: string;
  name?: string;
  clientURLs?: string[];
  peerURLs?: string[];
  isLearner?: boolean;
}

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : undefined);

/** `127.0.0.1:2379` → `http://127.0.0.1:2379` (https when client TLS is configured). */
export function normalizeEndpoint(ep: string, tls?: TlsOptions): string {
  const e = ep.trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(e)) return e;
  return `${tls && (tls.caFile || tls.certFile) ? 'https' : 'http'}://${e}`;
}


export function createEtcdGatewayStatus(endpoints: string[], tls?: TlsOptions, opts: GatewayOptions = {}): ClusterStatusProvider {
  const eps = [...new Set(endpoints.map((e) => normalizeEndpoint(e, tls)).filter(Boolean))];
  const timeoutMs = opts.timeoutMs ?? 5000;
  let material: TlsMaterial | undefined;
  const agents = new Map<string, http.Agent>();

  function agentFor(url: URL): http.Agent {
    material ??= loadTls(tls);
    const key = url.protocol;
    let a = agents.get(key);
    if (!a) {
      a = createAgent(url, material, 4);
      agents.set(key, a);
    }
    return a;
  }

  async function post<T>(endpoint: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const url = new URL(endpoint + path);
    // node-fetch 3 with an already-aborted signal destroys the request body stream with no error listener:
    // an uncaught exception in the host (seen in the e2e suite when a dashboard refresh was cancelled).
    if (signal?.aborted) throw new SourceError('cancelled', 'cancelled', path, 'the run was cancelled');
    const merged = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let res: BoundedReply;
    try {
      res = await boundedFetch(
        url.toString(),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
          agent: agentFor(url),
          signal: merged,
        },
        MAX_GATEWAY_REPLY_BYTES,
      );
    } catch (e) {
      if (signal?.aborted) throw new SourceError('cancelled', 'cancelled', path, 'the run was cancelled');
      if (e instanceof RedirectRefused) throw new SourceError('unreachable', `${endpoint} ${e.message}`, path, 'set the etcd endpoints to the client URLs of the members themselves (port 2379), not a proxy', e.status);
      if (e instanceof ReplyTooLarge) throw new SourceError('bad_response', `${endpoint}${path}: ${e.message}`, path, 'check the endpoint is an etcd client URL (port 2379)');
      if (merged.aborted) throw new SourceError('timeout', `${endpoint} did not answer within ${timeoutMs / 1000} s`, path, 'check the member is running and not overloaded');
      if (isTlsError(e)) {
        throw new SourceError('unreachable', `TLS handshake with ${endpoint} failed (${errorCode(e) ?? 'certificate'})`, path, "set the etcd CA file (etcd client TLS) to the CA that signed etcd's client certificate");
      }
      throw new SourceError('unreachable', `cannot connect to ${endpoint} (${errorCode(e) ?? (e as Error).message})`, path, 'check the etcd endpoint list and that the member is running');
    }
    const text = res.text;
    if (res.status === 401 || res.status === 403) {
      throw new SourceError(res.status === 401 ? 'auth' : 'forbidden', `${endpoint} answered ${res.status} for ${path}`, path, 'etcd requires authentication or client certificates: set the etcd client certificate and key');
    }
    if (res.status >= 400) {
      throw new SourceError('server', `${endpoint} answered HTTP ${res.status} for ${path}: ${text.slice(0, 200)}`, path, 'check the member logs');
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new SourceError('bad_response', `${endpoint}${path} did not answer JSON`, path, 'check the endpoint is an etcd client URL (port 2379), not the metrics or peer port');
    }
  }

  const message = (e: unknown) => (e instanceof SourceError ? e.message : String((e as Error)?.message ?? e));

  return {
    description: `etcd gateway ${eps.join(', ')}`,
    async status(signal) {
      if (!eps.length) throw new SourceError('bad_input', 'no etcd endpoints configured', '/v3/maintenance/status', 'set the etcd endpoints (--etcd-endpoints / ETCD_ANALYZER_ETCD_ENDPOINTS), e.g. http://127.0.0.1:2379');
      const statusOf = (ep: string) =>
        post<StatusJson>(ep, '/v3/maintenance/status', {}, signal).then(
          (s) => ({ ep, ok: true as const, s }),
          (e: unknown) => ({ ep, ok: false as const, e }),
        );
      const first = await Promise.all(eps.map(statusOf));
      if (signal?.aborted) throw new SourceError('cancelled', 'cancelled', '/v3/maintenance/status', 'the run was cancelled');
      const answering = first.filter((r) => r.ok).map((r) => r.ep);
      if (!answering.length) {
        const err = first[0] as { e: unknown };
        if (err.e instanceof SourceError && err.e.kind === 'bad_input') throw err.e;
        throw new SourceError(
          'unreachable',
          `no etcd endpoint answered: ${first.map((r) => `${r.ep}: ${message((r as { e: unknown }).e)}`).join('; ')}`,
          '/v3/maintenance/status',
          'check the etcd endpoints (--etcd-endpoints / ETCD_ANALYZER_ETCD_ENDPOINTS) and that etcd is running',
        );
      }

      // Member list and alarms from the first endpoint that answers.
      let members: MemberJson[] = [];
      let alarmsRaw: { memberID?: string; alarm?: unknown }[] = [];
      for (const ep of answering) {
        try {
          members = (await post<{ members?: MemberJson[] }>(ep, '/v3/cluster/member/list', {}, signal)).members ?? [];
          alarmsRaw = (await post<{ alarms?: { memberID?: string; alarm?: unknown }[] }>(ep, '/v3/maintenance/alarm', { action: 'GET' }, signal)).alarms ?? [];
          break;
        } catch {
          // try the next endpoint
        }
      }

      // Members the list advertises whose client URLs were not configured: ask them too (etcdctl --cluster).
      const known = new Set(eps.map(hostPort));
      const extra = members
        .filter((m) => m.clientURLs?.length && !m.clientURLs.some((c) => known.has(hostPort(c))))
        .map((m) => m.clientURLs![0].replace(/\/+$/, ''));
      const results = [...first, ...(await Promise.all([...new Set(extra)].map(statusOf)))];

      const out: EtcdMemberStatus[] = [];
      const used = new Set<string>();
      let leaderId: string | undefined;
      let clusterId: string | undefined;
      for (const m of members) {
        const id = toHexId(m.ID);
        const urls = (m.clientURLs ?? []).map(hostPort);
        const r = results.find((x) => (x.ok && toHexId(x.s.header?.member_id) === id) || urls.includes(hostPort(x.ep)));
        if (r) used.add(r.ep);
        const endpoint = r?.ep ?? m.clientURLs?.[0] ?? '';
        const name = m.name || (id ? `(unstarted ${id})` : endpoint);
        if (!r) {
          out.push({ name, id, endpoint, healthy: false, isLeader: false, error: 'no client URL to ask (member not started?)' });
        } else if (!r.ok) {
          out.push({ name, id, endpoint, healthy: false, isLeader: false, error: message(r.e) });
        } else {
          out.push(memberFromStatus(name, id, r.ep, r.s));
          leaderId ??= toHexId(r.s.leader) || undefined;
          clusterId ??= toHexId(r.s.header?.cluster_id) || undefined;
        }
      }
      // Endpoints that belong to no listed member (no member list, or a foreign cluster): still report them.
      for (const r of results) {
        if (used.has(r.ep)) continue;
        if (r.ok) {
          out.push(memberFromStatus(r.ep, toHexId(r.s.header?.member_id), r.ep, r.s));
          leaderId ??= toHexId(r.s.leader) || undefined;
          clusterId ??= toHexId(r.s.header?.cluster_id) || undefined;
        } else {
          out.push({ name: r.ep, id: '', endpoint: r.ep, healthy: false, isLeader: false, error: message(r.e) });
        }
      }
      // Only a member that answered can be named leader (a dead leader may still be in others' view briefly).
      for (const m of out) m.isLeader = !!leaderId && m.id === leaderId && m.version !== undefined;
      const byId = new Map(out.map((m) => [m.id, m.name]));
      const status: EtcdClusterStatus = {
        clusterId,
        leaderId,
        leaderName: leaderId ? byId.get(leaderId) : undefined,
        members: out,
        alarms: alarmsRaw.map((a) => {
          const memberId = toHexId(a.memberID);
          return { memberId, member: byId.get(memberId), alarm: alarmName(a.alarm) };
        }),
      };
      return status;
    },
  };
}

function memberFromStatus(name: string, id: string, endpoint: string, s: StatusJson): EtcdMemberStatus {
  const errors = (s.errors ?? []).filter(Boolean);
  const hasLeader = !!toHexId(s.leader) && toHexId(s.leader) !== '0';
  return {
    name,
    id,
    endpoint,
    healthy: hasLeader && errors.length === 0,
    isLeader: false,
    version: s.version,
    dbSizeBytes: num(s.dbSize),
    dbSizeInUseBytes: num(s.dbSizeInUse),
    raftTerm: num(s.raftTerm),
    raftIndex: num(s.raftIndex),
    raftAppliedIndex: num(s.raftAppliedIndex),
    ...(errors.length ? { errors } : {}),
    ...(!hasLeader ? { error: 'member has no leader' } : errors.length ? { error: errors.join('; ') } : {}),
  };
}
