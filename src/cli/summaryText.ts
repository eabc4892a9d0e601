// `etcd-analyzer run`'s default output: the answer a person reads in a terminal. Line 1 names the cause, its member
// and its evidence (the diagnosis); then what to do about each finding; then the key metrics against their
// thresholds, one row each (the worst member). Every metric for every member is `--format table`. Every value that
// comes from data (member names, titles, messages) goes through terminalSafe.
import type { AnalyzerResult, Finding, Severity } from '../core/types';
import type { Thresholds } from '../core/analysis/thresholds';
import type { KeyMetricRow, Verdict } from '../core/report/modelTypes';
import { gradeKeyMetrics } from '../core/report/keyMetrics';
import { diagnosisOf } from '../core/diagnosis/attach';
import { diagnosisLine, incidentLine, unjudgedLine } from '../core/diagnosis/text';
import { formatValue } from '../core/util/units';
import { terminalSafe as clean } from '../core/util/safeText';
import { SEVERITY_ORDER } from '../core/report/findingOrder';
import { columns } from './columns';

/** Enough to act on; the rest is one flag away (and counted, never dropped silently). */
const MAX_CAUSES = 5;
const MAX_FINDINGS = 10;
const MAX_UNJUDGED = 5;
const MAX_ERRORS = 3;

const SEVERITY_WORD: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
const VERDICT_MARK: Record<Verdict, string> = { pass: 'ok', warn: 'WARN', fail: 'FAIL', no_data: 'NO DATA' };

export function renderSummary(r: AnalyzerResult, thresholds: Thresholds): string {
  const out: string[] = [clean(headline(r))];
  const status = r.status === 'ok' ? '' : ` · ${clean(r.status)}`;
  const range = r.range ? ` · ${clean(r.range.duration)} (${clean(r.range.start)} → ${clean(r.range.end)})` : '';
  out.push(`${clean(r.title)}${range}${status}`);

  const said = new Set<string>();
  const causes = r.diagnosis?.incidents.filter((i) => i.severity !== 'info') ?? [];
  if (causes.length > 1 || causes.some((c) => c.consequences.length)) {
    out.push('', `CAUSES (${causes.length})`);
    for (const i of causes.slice(0, MAX_CAUSES)) out.push(`  ${clean(incidentLine(i))}`, `     do: ${clean(i.recommendation)}`);
    more(out, causes.length - MAX_CAUSES, 'causes', 'json');
  } else if (causes.length === 1) {
    out.push(`do: ${clean(causes[0].recommendation)}`);
  }
  for (const c of causes.slice(0, MAX_CAUSES)) said.add(c.recommendation);
  const unjudged = r.diagnosis?.unjudged ?? [];
  for (const u of unjudged.slice(0, MAX_UNJUDGED)) out.push(`NOT JUDGED: ${clean(unjudgedLine(u))}`);
  more(out, unjudged.length - MAX_UNJUDGED, 'signals not judged', 'json');

  const findings = [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.member.localeCompare(b.member, undefined, { numeric: true }));
  out.push('', findings.length ? `FINDINGS (${findings.length})` : `FINDINGS: none${r.metrics.length ? '' : ' (no metric was read)'}`);
  for (const f of findings.slice(0, MAX_FINDINGS)) {
    out.push(`  ${SEVERITY_WORD[f.severity].toUpperCase().padEnd(8)} ${clean(f.member)}: ${clean(f.title)}`);
    // The cause's recommendation above already says it: no second copy under each finding it explains.
    if (f.recommendation && !said.has(f.recommendation)) {
      out.push(`           do: ${clean(f.recommendation)}`);
      said.add(f.recommendation);
    }
  }
  more(out, findings.length - MAX_FINDINGS, 'findings');

  const keys = gradeKeyMetrics(r.metrics, thresholds);
  if (keys.length) {
    out.push('', 'KEY METRICS (the worst member of those compared)');
    out.push(...columns([['METRIC', 'WORST', 'WHERE', 'HEALTHY', 'ALERT', 'VERDICT'], ...keys.map(keyRow)]).map((l) => `  ${l}`));
  } else if (r.metrics.length) {
    out.push('', `KEY METRICS: none among this tool's ${r.metrics.length} values (--format table lists them)`);
  }

  if (r.errors.length) {
    out.push('', `FAILED QUERIES (${r.errors.length}): what they would have shown is missing above, not healthy`);
    for (const e of r.errors.slice(0, MAX_ERRORS)) out.push(`  ${clean(e.kind)}${e.metric ? ` (${clean(e.metric)})` : ''}: ${clean(e.message)} — ${clean(e.hint)}`);
    more(out, r.errors.length - MAX_ERRORS, 'failed queries');
  }
  out.push('', r.metrics.length ? `Every metric for every member (${r.metrics.length} values): --format table; the whole result: --format json` : 'The whole result: --format json');
  return `${out.join('\n')}\n`;
}

/**
 * The first line: the diagnosis when the analyzer judged the cluster; otherwise the same diagnosis phrasing over this
 * tool's own findings (cause, member, evidence); with no finding, what was judged — never "healthy" over missing data.
 */
export function headline(r: AnalyzerResult): string {
  if (r.diagnosis) return diagnosisLine(r.diagnosis);
  if (r.findings.length) {
    const d = diagnosisOf(r);
    if (d.incidents.some((i) => i.severity !== 'info')) return diagnosisLine(d);
    return findingLine(r.findings.reduce((a, b) => (SEVERITY_ORDER[b.severity] < SEVERITY_ORDER[a.severity] ? b : a)));
  }
  const window = r.range?.duration ? ` over ${r.range.duration}` : '';
  const summary = r.summary.replace(/[.\s]+$/, '');
  if (r.status === 'unavailable') return `Not available — ${r.title}: ${summary}`;
  if (r.status === 'failed') return `Not judged — ${r.title}: ${r.errors[0]?.message ?? 'nothing could be read'}`;
  const read = r.metrics.filter((m) => Object.values(m.stats).some((v) => typeof v === 'number' && Number.isFinite(v))).length;
  if (r.metrics.length && !read) return `Not judged — ${r.title}${window}: no finite data (every value empty, NaN or ±Inf)`;
  const gaps = [
    r.metrics.length > read ? `${r.metrics.length - read} of ${r.metrics.length} values had no data` : '',
    r.errors.length ? `${r.errors.length} quer${r.errors.length === 1 ? 'y' : 'ies'} failed` : '',
  ].filter(Boolean);
  return `No finding — ${r.title}${window}: ${summary}${gaps.length ? ` (not judged: ${gaps.join(', ')})` : ''}`;
}

function findingLine(f: Finding): string {
  const e = f.evidence[0];
  const evidence = e ? ` (${e.metric}${e.statistic ? ` ${e.statistic}` : ''} = ${formatValue(e.aboveTop ? Number.POSITIVE_INFINITY : e.value, e.unit)})` : '';
  return `${SEVERITY_WORD[f.severity]} — ${f.title} on ${f.member}${evidence}`;
}

function keyRow(k: KeyMetricRow): string[] {
  return [
    clean(k.title),
    formatValue(k.value, k.unit),
    clean(k.member),
    healthyText(k),
    formatValue(k.critical, k.unit),
    VERDICT_MARK[k.verdict],
  ];
}

/** "< 10 ms"; rate targets of 1e-6 mean "none at all" and read "0". */
function healthyText(k: KeyMetricRow): string {
  return k.warning > 0 && k.warning <= 1e-6 ? `${formatValue(0, k.unit)}` : `< ${formatValue(k.warning, k.unit)}`;
}

/** The table lists every finding and failed query; causes and unjudged signals in full are in the JSON. */
function more(out: string[], n: number, what: string, where: 'table' | 'json' = 'table'): void {
  if (n > 0) out.push(`  … ${n} more ${what}: --format ${where} lists them all`);
}
