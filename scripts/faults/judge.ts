// Whether a scenario's analysis got it right: the FIRST incident of the diagnosis must be the injected cause on
// the right member; the healthy bed must have no critical and at most one warning. Always returns a readable
// account of what the analysis said, so a failing test shows it without digging through JSON.
import type { AnalyzerResult } from '../../src/core/types';
import type { Scenario } from './scenarios';

export interface Judgement {
  ok: boolean;
  /** The first incident as category/member, or why there is none. */
  got: string;
  verdict: string;
  /** Why it is wrong (empty when ok). */
  problems: string[];
  printable: string;
}

export function judge(s: Pick<Scenario, 'name' | 'healthy'>, expected: { category: string; orCategory?: string; members: string[] }, r: AnalyzerResult): Judgement {
  const d = r.diagnosis;
  const first = d?.incidents.slice().sort((a, b) => a.rank - b.rank)[0];
  const got = !d ? 'no diagnosis in the result' : first ? `${first.category}/${first.member}` : 'no incident';
  const verdict = d?.verdict ?? 'none';
  const problems: string[] = [];
  const critical = r.findings.filter((f) => f.severity === 'critical');
  const warnings = r.findings.filter((f) => f.severity === 'warning');

  if (!d) problems.push('the result has no diagnosis');
  if (s.healthy) {
    if (critical.length) problems.push(`${critical.length} critical finding(s) on a healthy cluster: ${critical.map((f) => f.id).join(', ')}`);
    if (warnings.length > 1) problems.push(`${warnings.length} warnings on a healthy cluster (at most one allowed): ${warnings.map((f) => f.id).join(', ')}`);
    if (d && !(d.verdict === 'healthy' || (d.verdict === 'degraded' && warnings.length <= 1))) problems.push(`verdict ${d.verdict} on a healthy cluster`);
    if (d?.incidents.some((i) => i.severity === 'critical')) problems.push('a critical incident on a healthy cluster');
  } else if (d) {
    if (d.verdict === 'healthy') problems.push('verdict "healthy" while a fault was injected');
    if (!first) problems.push('no incident while a fault was injected');
    else {
      const right = [expected.category, expected.orCategory].filter(Boolean);
      if (!right.includes(first.category)) problems.push(`first incident is ${first.category}, expected ${right.join(' or ')}`);
      if (expected.members.length && !expected.members.includes(first.member)) problems.push(`first incident names ${first.member}, expected ${expected.members.join(' or ')}`);
    }
  }

  const lines = [
    `${problems.length ? 'WRONG' : 'right'}: expected ${s.healthy ? 'no critical, ≤1 warning' : `${[expected.category, expected.orCategory].filter(Boolean).join('|')}/${expected.members.join('|') || '?'}`}, got ${got}, verdict ${verdict}`,
    ...problems.map((p) => `  problem: ${p}`),
  ];
  if (d) {
    lines.push(`  headline: ${d.headline}`);
    for (const i of d.incidents.slice(0, 4)) lines.push(`  incident #${i.rank} ${i.severity} ${i.category}/${i.member} (${i.confidence}): ${i.headline}`);
    if (d.unjudged.length) lines.push(`  unjudged: ${d.unjudged.map((u) => JSON.stringify(u)).join('; ').slice(0, 400)}`);
  }
  lines.push(`  status ${r.status}; findings (${r.findings.length}), in result order:`);
  for (const f of r.findings.slice(0, 8)) lines.push(`    ${f.severity} ${f.category}/${f.member} ${f.id}: ${f.title}`);
  if (r.errors.length) lines.push(`  errors: ${r.errors.map((e) => e.message).join('; ').slice(0, 300)}`);
  return { ok: problems.length === 0, got, verdict, problems, printable: lines.join('\n') };
}
