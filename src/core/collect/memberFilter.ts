// The member filter as a PromQL matcher on the label the member's name came from (escaped: names are data).
import type { Profile } from '../profiles/types';
import { escapeRegex, matcher } from '../util/promql';

/**
 * `,member="m1"` for a member named by its `member`/`pod` label (`,pod="etcd-master-0"` for OpenShift's member
 * `master-0`). When the name was derived from `instance`
 * (port stripped), a regex on the instance: `,instance=~"etcd-0\.example(:[0-9]+)?"`.
 * `knownLabels` are the labels of one of the member's series (from discovery); without them the profile's first
 * member label is assumed.
 */
export function memberFilterFor(member: string, profile: Profile, knownLabels?: Record<string, string>): string {
  const label = knownLabels ? profile.memberLabels.find((l) => knownLabels[l]) : profile.memberLabels[0];
  if (!label) return `,${matcher(profile.memberLabels[0], '=', member)}`;
  const value = knownLabels?.[label];
  if (value === undefined || value === member) return `,${matcher(label, '=', member)}`;
  // A name read out of another label value (OpenShift: pod `etcd-<node>` → member `<node>`): match that value.
  if (label !== 'instance') return `,${matcher(label, '=', value)}`;
  return `,${matcher(label, '=~', `${escapeRegex(member)}(:[0-9]+)?`)}`;
}
