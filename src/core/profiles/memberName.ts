// One name per etcd member. On OpenShift (and kubeadm) etcd's own `--name` is the node name, while the static pod
// running it, and so the metrics' `pod` label, is `etcd-<node>`. etcdctl's member list, the etcd gateway and
// node-exporter (instance = node name) all say the node name. Every place that meets both spellings joins them
// here, so a member is one row, one finding subject and one filter value whatever source named it.
import type { MetricSummary } from '../types';

export const ETCD_POD_PREFIX = 'etcd-';

/** The peer of a pair whose id etcd reports as 0 (a sender not yet identified): never a member of its own. */
export const UNKNOWN_PEER = 'unknown peer';

/** `etcd-ip-10-0-30-217.ec2.internal` → `ip-10-0-30-217.ec2.internal`; a name without the prefix is kept. */
export function memberFromPod(pod: string): string {
  return pod.startsWith(ETCD_POD_PREFIX) && pod.length > ETCD_POD_PREFIX.length ? pod.slice(ETCD_POD_PREFIX.length) : pod;
}

/** Whether a name seen in the metrics and a name etcd reports are the same member (`etcd-<name>` is `<name>`). */
export function sameMember(metricName: string, etcdName: string): boolean {
  return metricName === etcdName || metricName === `${ETCD_POD_PREFIX}${etcdName}`;
}

/**
 * Metric member names → the name etcd itself reports, for every metric name that is one of etcd's members under
 * the other spelling. Names with no counterpart are left out (they keep their own name).
 */
export function joinMemberNames(metricNames: Iterable<string>, etcdNames: Iterable<string>): Map<string, string> {
  const etcd = [...new Set(etcdNames)];
  const out = new Map<string, string>();
  for (const name of new Set(metricNames)) {
    if (etcd.includes(name)) continue;
    const match = etcd.find((e) => sameMember(name, e));
    if (match) out.set(name, match);
  }
  return out;
}

/** Rewrites member names (and both ends of `a→b` pairs) of summaries after `joinMemberNames`. */
export function renameMembers(metrics: readonly MetricSummary[], names: ReadonlyMap<string, string>): MetricSummary[] {
  if (!names.size) return [...metrics];
  const one = (n: string) => names.get(n) ?? n;
  return metrics.map((m) => {
    if (m.scope === 'node' || m.scope === 'cluster') return m;
    const member = m.scope === 'pair' ? m.member.split('→').map(one).join('→') : one(m.member);
    const peer = m.labels?.peer;
    const labels = peer !== undefined && names.has(peer) ? { ...m.labels, peer: one(peer) } : m.labels;
    return member === m.member && labels === m.labels ? m : { ...m, member, ...(labels ? { labels } : {}) };
  });
}

/** The summaries with metric member names joined to etcd's own member names. */
export function withEtcdMemberNames(metrics: readonly MetricSummary[], etcdNames: readonly string[]): MetricSummary[] {
  if (!etcdNames.length) return [...metrics];
  const seen = metrics.flatMap((m) => (m.scope === 'pair' ? m.member.split('→') : m.scope === 'member' ? [m.member] : []));
  return renameMembers(metrics, joinMemberNames(seen, etcdNames));
}
