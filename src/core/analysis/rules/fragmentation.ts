// Fragmentation: 1 − in_use/size. Warning at the target when at least fragmentationMinReclaimableBytes would come back;
// critical only when half is free AND in-use is large (etcd-mixin).
import type { Finding } from '../../types';
import type { Rule } from '../ruleTypes';
import { buildFinding, evidenceOf } from '../finding';
import { firstStat, summariesOf, summaryFor } from '../metricLookup';
import { REC } from '../recommendations';
import { formatValue } from '../../util/units';

export const fragmentationRule: Rule = (metrics, ctx) => {
  const level = ctx.thresholds.fragmentationRatio;
  const out: Finding[] = [];
  for (const m of summariesOf(metrics, 'db_fragmentation_ratio')) {
    const v = firstStat(m, ['latest', 'avg']);
    if (!v || v.value < level.warning) continue;
    const inUse = summaryFor(metrics, 'db_in_use_bytes', m.member);
    const size = summaryFor(metrics, 'db_size_bytes', m.member);
    const inUseBytes = firstStat(inUse, ['latest', 'avg'])?.value ?? null;
    const sizeBytes = firstStat(size, ['latest', 'avg'])?.value ?? null;
    // Nothing worth reclaiming (a young or small DB): the ratio alone would only be noise.
    if (sizeBytes !== null && inUseBytes !== null && sizeBytes - inUseBytes < ctx.thresholds.fragmentationMinReclaimableBytes) continue;
    const critical = v.value > level.critical && inUseBytes !== null && inUseBytes > ctx.thresholds.fragmentationMinInUseBytes;
    const evidence = [evidenceOf(m, v.stat, ctx, critical ? level.critical : level.warning)];
    if (inUse) evidence.push(evidenceOf(inUse, 'latest', ctx, critical ? ctx.thresholds.fragmentationMinInUseBytes : undefined));
    if (size) evidence.push(evidenceOf(size, 'latest', ctx));
    const reclaim = sizeBytes !== null && inUseBytes !== null ? ` (about ${formatValue(sizeBytes - inUseBytes, 'bytes')} reclaimable)` : '';
    out.push(
      buildFinding({
        rule: 'db_fragmented',
        category: 'fragmentation',
        severity: critical ? 'critical' : 'warning',
        member: m.member,
        title:
          `${formatValue(v.value, 'ratio')} of ${m.member}'s DB file is free space${reclaim} (target < ${formatValue(level.warning, 'ratio')})` +
          (critical ? `; past the alert level: less than half in use with more than ${formatValue(ctx.thresholds.fragmentationMinInUseBytes, 'bytes')} in use` : ''),
        evidence,
        rootCause:
          'Compaction frees pages inside the bbolt file but never shrinks it: the file keeps its size (counted against the quota) ' +
          'until the member is defragmented.',
        recommendation: REC.fragmentation,
      }),
    );
  }
  return out;
};
