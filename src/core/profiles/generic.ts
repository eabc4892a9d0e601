// Generic profile: any Prometheus scraping etcd and node-exporter. Member from `member`, `pod` or `instance`;
// node from the explicit mapping, or automatically when the member's instance host is a node-exporter host.
import type { Profile, ProfileConfig } from './types';
import { validateSelector } from './selector';
import { isIpLiteral, splitInstance } from './instance';
import { findNodeByHost } from './hostIndex';

export const GENERIC_ETCD_SELECTOR = 'job=~".*etcd.*"';
export const GENERIC_NODE_SELECTOR = 'job=~".*node.*"';

const MEMBER_LABELS = ['member', 'pod', 'instance'] as const;
const NODE_LABELS = ['node', 'nodename', 'instance'] as const;

/**
 * An instance as a member name: DNS hosts lose the port (`etcd-0.example:2379` → `etcd-0.example`); IP and
 * loopback hosts keep it, because test beds and single-host clusters run several members on one address.
 */
export function memberFromInstance(instance: string): string {
  const { host, port } = splitInstance(instance);
  if (!port || isIpLiteral(host) || host.toLowerCase() === 'localhost') return instance.trim();
  return host;
}

/** The first set label of `labelNames` (the profile's own order); an `instance` is turned into a member name. */
export function memberFromLabels(labels: Record<string, string>, labelNames: readonly string[]): string {
  for (const l of labelNames) {
    const v = labels[l];
    if (v) return l === 'instance' ? memberFromInstance(v) : v;
  }
  return 'unknown';
}

export function nodeFromLabels(labels: Record<string, string>, labelNames: readonly string[]): string {
  for (const l of labelNames) {
    const v = labels[l];
    if (v) return l === 'instance' ? splitInstance(v).host : v;
  }
  return 'unknown';
}

export function createGenericProfile(cfg: ProfileConfig): Profile {
  const etcd = validateSelector(cfg.etcdSelector, GENERIC_ETCD_SELECTOR, 'etcd selector');
  const node = validateSelector(cfg.nodeSelector, GENERIC_NODE_SELECTOR, 'node selector');
  const mapping = cfg.memberToNode ?? {};
  return {
    id: 'generic',
    config: { ...cfg, etcdSelector: etcd, nodeSelector: node },
    etcdMatchers: () => etcd,
    nodeMatchers: () => node,
    memberLabels: MEMBER_LABELS,
    nodeLabels: NODE_LABELS,
    hasClusterApi: false,
    memberOf: (labels) => memberFromLabels(labels, MEMBER_LABELS),
    nodeOf: (labels) => nodeFromLabels(labels, NODE_LABELS),
    nodeForMember(member, memberLabels, knownNodes) {
      if (mapping[member]) return mapping[member];
      const instance = memberLabels?.instance;
      if (!instance) return undefined;
      const host = splitInstance(instance).host;
      if (!knownNodes) return host;
      return findNodeByHost(knownNodes, host);
    },
  };
}
