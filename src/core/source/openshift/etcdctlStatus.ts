// Cluster status for OpenShift from etcd itself: etcdctl (endpoint status/health, member list, alarm list) run
// in an etcd pod's `etcdctl` container through the exec API; that container carries the client certificates.
import { hostPort } from '../etcdIds';
import type { ClusterStatusProvider, EtcdClusterStatus, EtcdMemberStatus } from '../clusterStatusTypes';
import { SourceError } from '../types';
import type { KubeClient } from './kubeClient';
import { execInPod, type ExecResult } from './podExec';
import { alarmName, toHexId } from '../etcdIds';
import { controlPlaneTopology, EXTERNAL_CONTROL_PLANE, isExternalControlPlane } from './topology';

export const ETCD_NAMESPACE = 'openshift-etcd';
const POD_SELECTOR = 'app=etcd';
const CONTAINER = 'etcdctl';

interface PodJson {
  metadata?: { name?: string };
  spec?: { containers?: { name?: string }[] };
  status?: { phase?: string; conditions?: { type?: string; status?: string }[] };
}
interface StatusEntry {
  Endpoint?: string;
  Status?: {
    header?: { cluster_id?: string; member_id?: string };
    version?: string;
    dbSize?: number;
    dbSizeInUse?: number;
    leader?: string;
    raftIndex?: number;
    raftTerm?: number;
    raftAppliedIndex?: number;
    errors?: string[];
  };
}
interface HealthEntry {
  endpoint?: string;
  health?: boolean;
  error?: string;
}
interface MemberEntry {
  ID?: string;
  name?: string;
  clientURLs?: string[];
}

/** etcdctl -w json prints uint64 ids as bare numbers beyond 2^53: quote them before JSON.parse. */
export function parseEtcdctlJson<T>(text: string): T {
  return JSON.parse(text.replace(/"(ID|member_id|cluster_id|memberID|leader)"\s*:\s*(\d+)/g, '"$1":"$2"')) as T;
}

function tryParse<T>(r: ExecResult | undefined): T | undefined {
  if (!r || !r.stdout.trim()) return undefined;
  try {
    return parseEtcdctlJson<T>(r.stdout.trim());
  } catch {
    return undefined;
  }
}


export async function findEtcdPods(kube: KubeClient, signal?: AbortSignal): Promise<string[]> {
  const path = `/api/v1/namespaces/${ETCD_NAMESPACE}/pods?labelSelector=${encodeURIComponent(POD_SELECTOR)}`;
  const list = await kube.get<{ items?: PodJson[] }>(path, signal);
  const usable = (list.items ?? []).filter((p) => p.status?.phase === 'Running' && (p.spec?.containers ?? []).some((c) => c.name === CONTAINER));
  const ready = (p: PodJson) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  usable.sort((a, b) => Number(!!ready(b)) - Number(!!ready(a)));
  const names = usable.map((p) => p.metadata?.name).filter((n): n is string => !!n);
  if (!names.length) {
    if (isExternalControlPlane(await controlPlaneTopology(kube, signal))) {
      throw new SourceError('unavailable', EXTERNAL_CONTROL_PLANE.message, path, EXTERNAL_CONTROL_PLANE.hint);
    }
    throw new SourceError(
      'unavailable',
      `no running etcd pod with an etcdctl container in ${ETCD_NAMESPACE} (label ${POD_SELECTOR})`,
      path,
      `check \`oc get pods -n ${ETCD_NAMESPACE} -l ${POD_SELECTOR}\`; on plain Kubernetes use the generic profile with etcd endpoints instead`,
    );
  }
  return names;
}

/** Builds the status from the four etcdctl outputs (exported for tests). */
export function buildStatus(status: StatusEntry[], health: HealthEntry[], members: MemberEntry[], alarms: { memberID?: string; alarm?: unknown }[], stderr: string): EtcdClusterStatus {
  let leaderId: string | undefined;
  let clusterId: string | undefined;
  const out: EtcdMemberStatus[] = members.map((m) => {
    const id = toHexId(m.ID);
    const urls = (m.clientURLs ?? []).map(hostPort);
    const st = status.find((s) => toHexId(s.Status?.header?.member_id) === id)?.Status;
    const h = health.find((x) => x.endpoint && urls.includes(hostPort(x.endpoint)));
    const endpoint = m.clientURLs?.[0] ?? '';
    const errLine = stderr.split('\n').find((l) => urls.some((u) => l.toLowerCase().includes(u)));
    const errors = (st?.errors ?? []).filter(Boolean);
    if (st) {
      leaderId ??= toHexId(st.leader) || undefined;
      clusterId ??= toHexId(st.header?.cluster_id) || undefined;
    }
    const healthy = h ? h.health === true && errors.length === 0 : !!st && errors.length === 0;
    const error = !healthy ? h?.error || errors.join('; ') || errLine?.trim() || 'did not answer etcdctl endpoint status' : undefined;
    return {
      name: m.name || id,
      id,
      endpoint,
      healthy,
      isLeader: false,
      version: st?.version,
      dbSizeBytes: st?.dbSize,
      dbSizeInUseBytes: st?.dbSizeInUse,
      raftTerm: st?.raftTerm,
      raftIndex: st?.raftIndex,
      raftAppliedIndex: st?.raftAppliedIndex,
      ...(errors.length ? { errors } : {}),
      ...(error ? { error } : {}),
    };
  });
  for (const m of out) m.isLeader = !!leaderId && m.id === leaderId && m.version !== undefined;
  const byId = new Map(out.map((m) => [m.id, m.name]));
  return {
    clusterId,
    leaderId,
    leaderName: leaderId ? byId.get(leaderId) : undefined,
    members: out,
    alarms: alarms.map((a) => ({ memberId: toHexId(a.memberID), member: byId.get(toHexId(a.memberID)), alarm: alarmName(a.alarm) })),
  };
}

export function createEtcdctlExecStatus(kube: KubeClient, opts: { timeoutMs?: number } = {}): ClusterStatusProvider {
  return {
    description: `etcdctl in ${ETCD_NAMESPACE} pods via ${kube.target.server}`,
    async status(signal) {
      const pods = await findEtcdPods(kube, signal);
      let lastError: unknown;
      for (const pod of pods) {
        const run = (args: string[]) => execInPod(kube.target, ETCD_NAMESPACE, pod, CONTAINER, ['etcdctl', ...args], { timeoutMs: opts.timeoutMs, signal });
        try {
          const [st, he, ml, al] = await Promise.all([
            run(['endpoint', 'status', '--cluster', '-w', 'json']),
            // Unhealthy endpoints make etcdctl exit non-zero while still printing JSON: keep the output.
            run(['endpoint', 'health', '--cluster', '-w', 'json']),
            run(['member', 'list', '-w', 'json']),
            run(['alarm', 'list', '-w', 'json']),
          ]);
          const members = tryParse<{ members?: MemberEntry[] }>(ml)?.members;
          if (!members) {
            lastError = new SourceError('bad_response', `etcdctl member list in ${pod} failed: ${(ml.stderr || ml.message || ml.stdout).trim().slice(0, 300)}`, `exec ${pod}: etcdctl member list`, 'check the etcd pod logs (`oc logs -n openshift-etcd -c etcd POD`)');
            continue;
          }
          return buildStatus(
            tryParse<StatusEntry[]>(st) ?? [],
            tryParse<HealthEntry[]>(he) ?? [],
            members,
            tryParse<{ alarms?: { memberID?: string; alarm?: unknown }[] }>(al)?.alarms ?? [],
            `${st.stderr}\n${he.stderr}`,
          );
        } catch (e) {
          if (e instanceof SourceError && (e.kind === 'auth' || e.kind === 'forbidden' || e.kind === 'cancelled')) throw e;
          lastError = e;
        }
      }
      throw lastError;
    },
  };
}
