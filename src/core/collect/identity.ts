// Which row a sample belongs to: a member, a node, a member→peer pair, or the cluster, plus the metric's key labels.
import type { MetricDef } from '../metrics/types';
import type { Profile } from '../profiles/types';
import type { Discovery } from './discovery';
import { UNKNOWN_PEER } from '../profiles/memberName';

export interface Identity {
  /** Row key: scope identity + key label values. */
  key: string;
  member: string;
  node?: string;
  labels?: Record<string, string>;
}

export function identityOf(def: MetricDef, labels: Record<string, string>, profile: Profile, disc: Discovery): Identity {
  const keyLabels: Record<string, string> = {};
  for (const k of def.keyLabels ?? []) if (labels[k] !== undefined) keyLabels[k] = labels[k];

  let member: string;
  let node: string | undefined;
  switch (def.scope) {
    case 'node':
      member = profile.nodeOf(labels);
      node = member;
      break;
    case 'pair': {
      const self = profile.memberOf(labels);
      // `To` is where the member sends; `From` is where what it receives comes from. Pairs read in traffic direction.
      const from = labels.From !== undefined && def.keyLabels?.includes('From');
      const peerId = (from ? labels.From : labels.To) ?? '';
      // etcd counts bytes whose sender it has not identified yet under From="0": no member has id 0.
      const peer = peerId === '0' ? UNKNOWN_PEER : (disc.memberById.get(peerId.toLowerCase()) ?? peerId);
      member = from ? `${peer}→${self}` : `${self}→${peer}`;
      keyLabels.peer = peer;
      node = profile.nodeForMember(self, labels, disc.nodes.length ? disc.nodes : undefined);
      break;
    }
    case 'cluster':
      member = 'cluster';
      break;
    default:
      member = profile.memberOf(labels);
      node = profile.nodeForMember(member, labels, disc.nodes.length ? disc.nodes : undefined);
  }
  const hasLabels = Object.keys(keyLabels).length > 0;
  const key = [member, ...Object.entries(keyLabels).sort().map(([k, v]) => `${k}=${v}`)].join('\u0000');
  return { key, member, ...(node ? { node } : {}), ...(hasLabels ? { labels: keyLabels } : {}) };
}
