// OpenShift profile: etcd pods `etcd-<node>` in openshift-etcd, scraped by the platform Prometheus (read through
// the Thanos querier); node-exporter's instance label is the node name there. etcd's own `--name` is the node name
// too, so a member is named by its node: the `pod` label loses its `etcd-` prefix (memberName.ts), and metrics,
// etcdctl's member list and node-exporter all say the same name.
import type { Profile, ProfileConfig } from './types';
import { validateSelector } from './selector';
import { GENERIC_ETCD_SELECTOR, GENERIC_NODE_SELECTOR, memberFromLabels, nodeFromLabels } from './generic';
import { memberFromPod } from './memberName';

export const OPENSHIFT_ETCD_SELECTOR = 'namespace="openshift-etcd", job="etcd"';
export const OPENSHIFT_NODE_SELECTOR = 'job="node-exporter"';

const MEMBER_LABELS = ['pod', 'member', 'instance'] as const;
const NODE_LABELS = ['node', 'instance', 'nodename'] as const;

/** The member's name: its node's (the pod label without `etcd-`), else `member`, else the instance. */
function openshiftMemberOf(labels: Record<string, string>): string {
  if (labels.pod) return memberFromPod(labels.pod);
  return memberFromLabels(labels, MEMBER_LABELS);
}

export function createOpenShiftProfile(cfg: ProfileConfig): Profile {
  // A config still carrying the generic defaults means "not customised": use the OpenShift ones.
  const etcdIn = cfg.etcdSelector === GENERIC_ETCD_SELECTOR ? '' : cfg.etcdSelector;
  const nodeIn = cfg.nodeSelector === GENERIC_NODE_SELECTOR ? '' : cfg.nodeSelector;
  const etcd = validateSelector(etcdIn, OPENSHIFT_ETCD_SELECTOR, 'etcd selector');
  const node = validateSelector(nodeIn, OPENSHIFT_NODE_SELECTOR, 'node selector');
  const mapping = cfg.memberToNode ?? {};
  return {
    id: 'openshift',
    config: { ...cfg, etcdSelector: etcd, nodeSelector: node },
    etcdMatchers: () => etcd,
    nodeMatchers: () => node,
    memberLabels: MEMBER_LABELS,
    nodeLabels: NODE_LABELS,
    hasClusterApi: true,
    memberOf: openshiftMemberOf,
    nodeOf: (labels) => nodeFromLabels(labels, NODE_LABELS),
    nodeForMember(member, memberLabels, knownNodes) {
      if (mapping[member]) return mapping[member];
      const pod = memberLabels?.pod ?? member;
      const nodeName = memberFromPod(pod);
      if (!nodeName || nodeName === 'unknown') return undefined;
      if (!knownNodes) return nodeName;
      return knownNodes.find((n) => n === nodeName || n.split('.')[0] === nodeName);
    },
  };
}
