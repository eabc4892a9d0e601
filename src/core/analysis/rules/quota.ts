// Quota: DB size against its quota, absolute DB size, and the NOSPACE alarm from etcd's own alarm list.
import type { Finding, MetricSummary } from '../../types';
import type { Rule, RuleContext } from '../ruleTypes';
import { alertPhrase, buildFinding, evidenceOf, grade, plainEvidence, targetPhrase } from '../finding';
import { firstStat, summariesOf, summaryFor } from '../metricLookup';
import { REC } from '../recommendations';
import { formatValue } from '../../util/units';

export const quotaRule: Rule = (metrics, ctx) => [...quotaPercent(metrics, ctx), ...dbSize(metrics, ctx), ...noSpace(ctx)];

function quotaPercent(metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const level = ctx.thresholds.dbQuotaPercent;
  const out: Finding[] = [];
  for (const m of summariesOf(metrics, 'db_quota_percent')) {
    const v = firstStat(m, ['latest', 'max']);
    const severity = grade(v?.value, level, 'dbQuotaPercent');
    if (!v || !severity) continue;
    const evidence = [evidenceOf(m, v.stat, ctx, severity === 'critical' ? level.critical : level.warning)];
    const size = summaryFor(metrics, 'db_size_bytes', m.member);
    const quota = summaryFor(metrics, 'db_quota_bytes', m.member);
    if (size) evidence.push(evidenceOf(size, 'latest', ctx));
    if (quota) evidence.push(evidenceOf(quota, 'latest', ctx));
    out.push(
      buildFinding({
        rule: 'db_quota_high',
        category: 'quota',
        severity,
        member: m.member,
        title: `DB uses ${formatValue(v.value, 'percent')} of its quota on ${m.member} (${targetPhrase(level, 'percent')})${alertPhrase(severity, level, 'percent', 'etcdDatabaseQuotaLowSpace')}`,
        rootCause:
          `${m.member}'s database is close to --quota-backend-bytes; when it reaches it, etcd raises the NOSPACE alarm and the ` +
          'cluster stops accepting writes. Growth comes from data, from history not compacted, or from fragmentation.',
        evidence,
        recommendation: REC.quota,
      }),
    );
  }
  return out;
}

function dbSize(metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const level = ctx.thresholds.dbSizeBytes;
  const out: Finding[] = [];
  for (const m of summariesOf(metrics, 'db_size_bytes')) {
    const v = firstStat(m, ['latest', 'max']);
    const graded = grade(v?.value, level, 'dbSizeBytes');
    if (!v || !graded) continue;
    // Above the default 2 GiB quota is only informative (the quota percent rule grades the real risk); past 8 GiB etcd warns.
    const severity = graded === 'critical' ? 'critical' : 'info';
    out.push(
      buildFinding({
        rule: 'db_size_large',
        category: 'quota',
        severity,
        member: m.member,
        title:
          severity === 'critical'
            ? `DB size ${formatValue(v.value, 'bytes')} on ${m.member} is past etcd's suggested maximum ${formatValue(level.critical, 'bytes')}`
            : `DB size ${formatValue(v.value, 'bytes')} on ${m.member} is above the default quota ${formatValue(level.warning, 'bytes')}`,
        evidence: [evidenceOf(m, v.stat, ctx, severity === 'critical' ? level.critical : level.warning)],
        rootCause:
          'Large databases make snapshots, defragmentation and member recovery slow and need memory to match: etcd maps the whole file.',
        recommendation: REC.dbSize,
      }),
    );
  }
  return out;
}

function noSpace(ctx: RuleContext): Finding[] {
  const alarms = ctx.clusterStatus?.alarms ?? [];
  return alarms
    .filter((a) => a.alarm.toUpperCase() === 'NOSPACE')
    .map((a) => {
      const member = a.member || memberById(ctx, a.memberId) || a.memberId || 'cluster';
      return buildFinding({
        rule: 'nospace_alarm',
        category: 'quota',
        severity: 'critical',
        member,
        title: `NOSPACE alarm raised by ${member}: the cluster accepts no writes`,
        evidence: [plainEvidence('etcd_alarm', 1, 'bool', ctx, { member, note: `alarm NOSPACE (member id ${a.memberId}) from the etcd maintenance API` })],
        rootCause:
          'A member\'s database reached --quota-backend-bytes. etcd raised the NOSPACE alarm: Put/Txn requests fail with ' +
          '"etcdserver: mvcc: database space exceeded" (gRPC ResourceExhausted) until space is reclaimed and the alarm disarmed.',
        recommendation: REC.nospace,
      });
    });
}

function memberById(ctx: RuleContext, id: string): string | undefined {
  const m = ctx.clusterStatus?.members.find((x) => x.id === id);
  return m?.name || undefined;
}
