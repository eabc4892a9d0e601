// Availability: members down (Prometheus `up` == 0, no `up` series while known elsewhere, or unhealthy per etcd),
// quorum lost, and CORRUPT alarms.
import type { Evidence, Finding } from '../../types';
import type { Rule, RuleContext } from '../ruleTypes';
import { buildFinding, evidenceOf, plainEvidence } from '../finding';
import { membersIn, sameMember, statOf, summariesOf } from '../metricLookup';
import { REC } from '../recommendations';
import { append } from '../../util/arrays';

interface Down {
  member: string;
  evidence: Evidence[];
  why: string;
}

export const availabilityRule: Rule = (metrics, ctx) => {
  const out: Finding[] = [];
  const up = summariesOf(metrics, 'member_up');
  const status = ctx.clusterStatus;

  // Everyone we know of: members seen on any series, etcd's member list, and callers' extra knowledge.
  const known = new Set<string>([...membersIn(metrics), ...(ctx.knownMembers ?? [])]);
  for (const s of status?.members ?? []) {
    const name = s.name || s.endpoint || s.id;
    if (![...known].some((k) => sameMember(k, name))) known.add(name);
  }

  const down: Down[] = [];
  const wasDown: Finding[] = [];
  const unhealthy: Finding[] = [];
  for (const member of [...known].sort()) {
    const upRow = up.find((u) => u.member === member);
    const st = status?.members.find((s) => sameMember(s.name, member) || s.endpoint === member || s.id === member);
    const latest = statOf(upRow, 'latest');
    if (latest !== null && latest < 0.5) {
      down.push({ member, evidence: [evidenceOf(upRow!, 'latest', ctx, 1, 'Prometheus `up` of the member\'s metrics target')], why: 'its metrics target is down (up = 0)' });
      continue;
    }
    if (st && !st.healthy && !unreachable(st.error) && latest !== null && latest >= 0.5) {
      // The process answers its scrape but etcd reports it unhealthy (e.g. "no leader"): running, not down.
      unhealthy.push(
        buildFinding({
          rule: 'member_unhealthy',
          category: 'availability',
          severity: 'warning',
          member,
          title: `Member ${member} is running but unhealthy${st.error ? `: ${st.error.slice(0, 120)}` : ''}`,
          evidence: [
            plainEvidence('endpoint_health', 0, 'bool', ctx, { member, note: `etcd health check of ${st.endpoint} failed${st.error ? `: ${st.error}` : ''}` }),
            evidenceOf(upRow!, 'latest', ctx, 1, 'Prometheus still scrapes it'),
          ],
          rootCause: `${member}'s process is up but etcd does not consider it healthy: it has no leader (quorum lost elsewhere), is still catching up, or raised an alarm.`,
          recommendation: REC.availability,
        }),
      );
      continue;
    }
    if (st && !st.healthy) {
      down.push({
        member,
        evidence: [plainEvidence('endpoint_health', 0, 'bool', ctx, { member, note: `etcd health check of ${st.endpoint} failed${st.error ? `: ${st.error}` : ''}` })],
        why: `its endpoint ${st.endpoint} fails etcd's health check`,
      });
      continue;
    }
    if (!upRow && up.length > 0 && !st) {
      down.push({
        member,
        evidence: [plainEvidence('member_up', null, 'bool', ctx, { member, note: 'no `up` series for this member while other members have one' })],
        why: 'it has no `up` series in Prometheus although it is known from other series',
      });
      continue;
    }
    const min = statOf(upRow, 'min');
    if (latest !== null && min !== null && min < 0.5) {
      const avg = statOf(upRow, 'avg');
      wasDown.push(
        buildFinding({
          rule: 'member_was_down',
          category: 'availability',
          severity: 'warning',
          member,
          title: `${member} was down during the window${avg !== null ? ` (about ${Math.round((1 - avg) * 100)} % of it)` : ''} and is up now`,
          evidence: [evidenceOf(upRow!, 'min', ctx, 1), evidenceOf(upRow!, 'latest', ctx)],
          rootCause: `${member}'s metrics target stopped answering for a while: a restart, a crash or a network partition.`,
          recommendation: REC.availability,
        }),
      );
    }
  }

  const n = known.size;
  const quorum = Math.floor(n / 2) + 1;
  const quorumLost = n > 0 && n - down.length < quorum;
  for (const d of down) {
    out.push(
      buildFinding({
        rule: 'member_down',
        category: 'availability',
        severity: quorumLost ? 'critical' : 'warning',
        member: d.member,
        title: `Member ${d.member} is down: ${d.why}`,
        evidence: d.evidence,
        rootCause: `${d.member} is not serving. ${n - down.length} of ${n} members remain; quorum needs ${quorum}.`,
        recommendation: REC.availability,
        related: quorumLost ? ['quorum_lost:cluster'] : undefined,
      }),
    );
  }
  if (quorumLost) {
    out.push(
      buildFinding({
        rule: 'quorum_lost',
        category: 'availability',
        severity: 'critical',
        member: 'cluster',
        title: `Quorum lost: ${n - down.length} of ${n} members up, ${quorum} needed (etcdInsufficientMembers)`,
        evidence: [plainEvidence('members_up', n - down.length, 'count', ctx, { threshold: quorum, note: `down: ${down.map((d) => d.member).join(', ')}` })],
        rootCause: 'Fewer than a majority of members are up: no leader can be elected and the cluster accepts no writes.',
        recommendation: REC.quorum,
        related: down.map((d) => `member_down:${d.member}`),
      }),
    );
  }
  append(append(append(out, unhealthy), wasDown), corruptAlarms(ctx));
  return out;
};

/** The etcd API could not reach the member at all (vs. reached it and heard "unhealthy"). */
function unreachable(error: string | undefined): boolean {
  return !error || /cannot connect|refused|unreachable|EHOSTUNREACH|did not answer|timed? ?out|no client URL/i.test(error);
}

function corruptAlarms(ctx: RuleContext): Finding[] {
  return (ctx.clusterStatus?.alarms ?? [])
    .filter((a) => a.alarm.toUpperCase() === 'CORRUPT')
    .map((a) => {
      const member = a.member || ctx.clusterStatus?.members.find((m) => m.id === a.memberId)?.name || a.memberId || 'cluster';
      return buildFinding({
        rule: 'corrupt_alarm',
        category: 'availability',
        severity: 'critical',
        member,
        title: `CORRUPT alarm raised for ${member}`,
        evidence: [plainEvidence('etcd_alarm', 1, 'bool', ctx, { member, note: `alarm CORRUPT (member id ${a.memberId})` })],
        rootCause: 'etcd\'s corruption check found members whose data differs.',
        recommendation: REC.corrupt,
      });
    });
}
