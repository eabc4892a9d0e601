// The lean answer to one analyzer run, for people reading chat, a terminal or an MCP client: the diagnosis first
// (cause, member, evidence), then the findings with what to do (worst first, a bounded number, the rest counted),
// then one row per key metric (the worst member against its target), then where the full per-member table is.
// Errors, unjudged signals, a partial status and failed queries always show: no verdict without evidence.
import type { AnalyzerResult, Finding, MetricSummary, Statistic } from '../../types';
import type { AnswerView, Block, ListItem, TableRow } from './types';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../analysis/thresholds';
import { incidentNote } from '../../diagnosis/text';
import { answerHeadline } from './answerHeadline';
import { formatEvidence } from '../sectionText';
import { formatStat, formatValue } from '../../util/units';
import { truncateText } from '../../util/markdownEscape';
import { SEVERITY_ORDER } from '../findingOrder';
import { gradeKeyMetrics, KEY_METRICS, pickStat } from '../keyMetrics';
import { causesList, keyMetricsTable, unjudgedGroup } from './overviewSections';
import { failedQueriesGroup } from './dataSections';
import { badge, heading, para } from './parts';

export interface AnswerOptions {
  /** Thresholds the key metrics are graded against (default: the built-in ones). */
  thresholds?: Thresholds;
  /** Findings listed in full; the rest are counted (default: see findingBound). */
  maxFindings?: number;
  /** The last line: where the rest is (default: REPORT_POINTER; the CLI names its own flags). */
  pointer?: string;
  /**
   * `flagged` (default): rows only for key metrics off target, the passing ones in one line (a chat turn is
   * narrow); `all`: one row for every key metric with its alert level (a terminal has the room).
   */
  keyMetrics?: 'flagged' | 'all';
}

const MAX_EVIDENCE = 1;
const MAX_CAUSES = 3;
/** Recommendations are cut to this length in the answer (the report has them whole). */
const MAX_ADVICE = 200;
const MAX_UNJUDGED = 6;
const MAX_FAILED = 5;
/** Without key metrics (an analyzer of other signals), a one-row-per-metric table of at most this many rows. */
const MAX_PLAIN_METRICS = 12;
const STAT_ORDER: Statistic[] = ['p99', 'p90', 'p50', 'avg', 'max', 'min', 'latest', 'increase', 'rate'];

export const REPORT_POINTER = 'The full per-member table, the charts and every query are in the report (etcd-analyzer report, or the Open full report button in VS Code).';

function diagnosisBlocks(r: AnalyzerResult): Block[] {
  const d = r.diagnosis;
  const first = answerHeadline(r);
  const out: Block[] = [{ kind: 'callout', health: first.tone, text: first.text }];
  if (!d) return out;
  const shown = d.incidents.filter((i) => i.severity !== 'info');
  const top = shown[0];
  if (top && top.headline === d.headline) {
    // The line above is this cause's headline: add how sure it is, what it explains and what to do, then the others.
    out.push(para([{ kind: 'span', role: 'note', text: incidentNote(top) }, ` → ${truncateText(top.recommendation, MAX_ADVICE)}`]));
    if (shown.length > 1) out.push(para('Other causes:'), causesList({ ...d, incidents: shown.slice(1) }, MAX_CAUSES - 1, MAX_ADVICE)!);
  } else if (shown.length) {
    out.push(causesList(d, MAX_CAUSES, MAX_ADVICE)!);
  }
  if (shown.length > MAX_CAUSES) out.push(para(`${shown.length - MAX_CAUSES} more cause(s) are in the report.`, 'note'));
  const unjudged = unjudgedGroup(d, MAX_UNJUDGED);
  if (unjudged) {
    out.push(unjudged);
    if (d.unjudged.length > MAX_UNJUDGED) out.push(para(`${d.unjudged.length - MAX_UNJUDGED} more signal(s) not judged; the report lists them all.`, 'note'));
  }
  return out;
}

/** `said`: recommendations already shown above (a cause's, an earlier finding's): each is written out once. */
function findingItem(f: Finding, said: Set<string>): ListItem {
  // The evidence's note repeats the threshold in words; the line already carries it.
  const ev = f.evidence.slice(0, MAX_EVIDENCE).map((e) => formatEvidence({ ...e, note: undefined })).join('; ');
  const more = f.evidence.length > MAX_EVIDENCE ? ` (+${f.evidence.length - MAX_EVIDENCE} more)` : '';
  const lines: ListItem[] = [];
  if (ev) lines.push({ runs: [`Evidence: ${truncateText(ev, MAX_ADVICE)}${more}`] });
  if (f.recommendation) lines.push({ runs: [said.has(f.recommendation) ? 'Do: as above.' : `Do: ${truncateText(f.recommendation, MAX_ADVICE)}`] });
  else if (f.rootCause) lines.push({ runs: [`Root cause: ${truncateText(f.rootCause, 400)}`] });
  if (f.recommendation) said.add(f.recommendation);
  return {
    runs: [badge(f.severity, f.severity), ` · ${f.category} · `, { kind: 'strong', text: f.member }, `: ${f.title}`],
    children: lines.length ? [{ kind: 'list', ordered: false, items: lines }] : [],
    data: { finding: f.id },
  };
}

function findingBlocks(r: AnalyzerResult, max: number): Block[] {
  const findings = [...r.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.member.localeCompare(b.member, undefined, { numeric: true }),
  );
  const out: Block[] = [heading(`Findings (${findings.length})`, 4)];
  if (!findings.length) {
    out.push(
      para(
        r.diagnosis?.verdict === 'unknown'
          ? 'No findings, but that is not a verdict: the signals listed under "Not judged" had no usable data.'
          : r.metrics.length
            ? 'No findings: every evaluated metric is within its healthy target.'
            : 'No findings, and no metric was read: nothing was judged.',
      ),
    );
    return out;
  }
  const said = new Set((r.diagnosis?.incidents ?? []).filter((i) => i.severity !== 'info').slice(0, MAX_CAUSES).map((i) => i.recommendation));
  out.push({ kind: 'list', ordered: false, items: findings.slice(0, max).map((f) => findingItem(f, said)) });
  if (findings.length > max) out.push(para(`${findings.length - max} more finding(s) (the least severe) are in the report.`, 'note'));
  return out;
}

/** One row per metric (its worst member), for results without graded key metrics. */
function plainMetricRows(metrics: readonly MetricSummary[]): TableRow[] {
  const worst = new Map<string, { m: MetricSummary; stat: Statistic; value: number }>();
  for (const m of metrics) {
    const stat = STAT_ORDER.find((s) => s in m.stats);
    if (!stat) continue;
    const value = m.stats[stat] ?? Number.NEGATIVE_INFINITY;
    const prev = worst.get(m.metric);
    if (!prev || value > prev.value) worst.set(m.metric, { m, stat, value });
  }
  return [...worst.values()].map(({ m, stat }) => ({ cells: [{ text: m.title }, { text: `${stat} ${formatStat(m, stat)}`, numeric: true }, { text: m.member }] }));
}

/** "WAL fsync p99 on m3": key metrics a member has no finite value for (said, never read as healthy). */
function noDataLines(metrics: readonly MetricSummary[]): string[] {
  const out: string[] = [];
  for (const def of KEY_METRICS) {
    for (const m of metrics) {
      if (m.metric !== def.metric) continue;
      const picked = pickStat(m, def.statistics);
      if (picked && (picked.value === null || !Number.isFinite(picked.value))) out.push(`${def.title} on ${m.member}`);
    }
  }
  return out;
}

function metricBlocks(r: AnalyzerResult, thresholds: Thresholds, shown: 'flagged' | 'all'): Block[] {
  const graded = gradeKeyMetrics(r.metrics, thresholds);
  if (graded.length && shown === 'all') return [heading('Key metrics against thresholds', 4), keyMetricsTable(graded)];
  if (graded.length) {
    // The rows to act on in the table; the passing ones in one line, values kept (evidence, not just "fine").
    const flagged = graded.filter((k) => k.verdict !== 'pass');
    const passing = graded.filter((k) => k.verdict === 'pass');
    const missing = noDataLines(r.metrics);
    return [
      heading('Key metrics against thresholds', 4),
      ...(flagged.length ? [keyMetricsTable(flagged, { alertLevel: false })] : []),
      ...(passing.length ? [para(`Within the healthy target: ${passing.map((k) => `${k.title} ${formatValue(k.value, k.unit)}`).join(', ')}.`)] : []),
      ...(missing.length ? [para(`No data (not judged): ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}.`)] : []),
    ];
  }
  const rows = plainMetricRows(r.metrics);
  if (!rows.length) return [];
  const out: Block[] = [heading('Metrics (worst member)', 4), { kind: 'table', columns: ['Metric', 'Worst value', 'Where'], rows: rows.slice(0, MAX_PLAIN_METRICS) }];
  if (rows.length > MAX_PLAIN_METRICS) out.push(para(`${rows.length - MAX_PLAIN_METRICS} more metric(s) are in the report.`, 'note'));
  return out;
}

function facts(r: AnalyzerResult): string {
  const range = r.range ? ` · window ${r.range.duration} (${r.range.start} → ${r.range.end})` : '';
  return `${r.tool}${range}`;
}

/** Five findings, fewer when causes already lead the answer (each cause has its recommendation up there). */
function findingBound(r: AnalyzerResult): number {
  const causes = r.diagnosis?.incidents.filter((i) => i.severity !== 'info').length ?? 0;
  return causes >= 2 ? 3 : causes === 1 ? 4 : 5;
}

export function buildAnswerView(r: AnalyzerResult, opts: AnswerOptions = {}): AnswerView {
  const failed = r.errors.map((e) => ({ ...e, tool: r.tool }));
  const blocks: Block[] = [
    ...diagnosisBlocks(r),
    heading(r.title, 3),
    // With a diagnosis (or no finding) the first line already says what the summary would; else it adds context.
    ...(r.diagnosis || !r.findings.length ? [] : [para(truncateText(r.summary, 600))]),
    para([{ kind: 'span', role: 'note', text: facts(r) }, ...(r.status === 'ok' ? [] : [' · status ', badge(r.status === 'failed' ? 'fail' : 'warn', r.status)])]),
    ...findingBlocks(r, opts.maxFindings ?? findingBound(r)),
    ...metricBlocks(r, opts.thresholds ?? DEFAULT_THRESHOLDS, opts.keyMetrics ?? 'flagged'),
  ];
  if (failed.length) {
    const group = failedQueriesGroup(failed.slice(0, MAX_FAILED), { withQuery: false, total: failed.length, level: 4 });
    blocks.push(group, para('What these queries would have shown is missing above, not healthy.', 'note'));
  }
  if (r.metrics.length) blocks.push(para(opts.pointer ?? REPORT_POINTER, 'note'));
  return { blocks };
}
