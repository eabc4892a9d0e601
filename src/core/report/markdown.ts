// Compact markdown of one AnalyzerResult, for chat, LM tool results, MCP text content and the CLI.
// Size-capped: chat and model contexts are small, so rows are dropped (and counted) rather than the text cut mid-way.
// Every value that comes from data (member names, labels, messages) goes through escapeMarkdown.
import type { AnalyzerResult, Diagnosis, Evidence, Finding, MetricSummary, QueryError, Severity, Statistic } from '../types';
import { diagnosisLine, incidentLine, unjudgedLine } from '../diagnosis/text';
import { formatStat, formatValue } from '../util/units';
import { escapeMarkdown as esc, truncateText } from '../util/markdownEscape';
import { SEVERITY_ORDER } from './findingOrder';

export interface MarkdownOptions {
  /** Upper bound on the output length in characters (default 8,000). */
  maxChars?: number;
}

export const DEFAULT_MARKDOWN_MAX_CHARS = 8000;

export const SEVERITY_MARK: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

/** Statistics in the order a reader wants them: tail latency first, then the usual gauges. */
const STAT_ORDER: Statistic[] = ['p99', 'p90', 'p50', 'avg', 'max', 'min', 'latest', 'increase', 'rate'];

export function renderResultMarkdown(result: AnalyzerResult, opts: MarkdownOptions = {}): string {
  const maxChars = Math.max(400, opts.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS);
  const header = renderHeader(result, maxChars);

  const findings = [...result.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.member.localeCompare(b.member, undefined, { numeric: true }),
  );
  const findingBlocks = findings.map(renderFinding);
  const errorLines = result.errors.map(renderError);
  // Rows a finding cites come first: when rows must be dropped, the evidence stays visible.
  const cited = new Set(result.findings.flatMap((f) => f.evidence.map((e) => `${e.metric}\u0000${e.member ?? f.member}`)));
  const metrics = [...result.metrics].sort(
    (a, b) => Number(cited.has(`${b.metric}\u0000${b.member}`)) - Number(cited.has(`${a.metric}\u0000${a.member}`)),
  );
  const metricRows = metrics.map(renderMetricRow);

  // Budget in priority order: findings, then errors, then the metrics table; each lower tier keeps a share
  // (30 %, then 50 % of what is left) so a long findings list cannot hide everything else. 450 chars spare for headings and "left out" notes.
  let budget = maxChars - header.length - 450;
  const tableSize = metricRows.length ? size(metricRows) + METRIC_TABLE_HEAD.length : 0;
  const keptFindings = takeWithin(findingBlocks, budget - Math.min(size(errorLines) + tableSize, budget * 0.3));
  budget -= size(keptFindings);
  const keptErrors = takeWithin(errorLines, budget - Math.min(tableSize, budget * 0.5));
  budget -= size(keptErrors);
  const keptRows = takeWithin(metricRows, budget - METRIC_TABLE_HEAD.length);

  const parts = [header];
  if (metricRows.length) {
    parts.push(
      keptRows.length ? METRIC_TABLE_HEAD + keptRows.join('\n') : '',
      omitted(metricRows.length - keptRows.length, 'metric rows'),
    );
  }
  parts.push(`\n\n#### Findings (${findings.length})\n`);
  if (!findings.length) {
    parts.push(
      result.diagnosis && result.diagnosis.verdict === 'unknown'
        ? '\nNo findings, but that is not a verdict: the signals listed under "Not judged" had no usable data.'
        : '\nNo findings: every evaluated metric is within its healthy target.',
    );
  }
  parts.push(keptFindings.join(''), omitted(findings.length - keptFindings.length, 'findings (the least severe)'));
  if (errorLines.length) {
    parts.push(`\n\n#### Failed queries (${errorLines.length})\n`, keptErrors.join(''));
    parts.push(omitted(errorLines.length - keptErrors.length, 'failed queries'));
  }
  return truncateText(parts.join('').trimEnd() + '\n', maxChars);
}

function renderHeader(r: AnalyzerResult, maxChars: number): string {
  const status = r.status === 'ok' ? '' : ` · status **${esc(r.status)}**`;
  const range = r.range ? ` · window ${esc(r.range.duration)} (${esc(r.range.start)} → ${esc(r.range.end)})` : '';
  const summary = truncateText(esc(r.summary), Math.floor(maxChars / 4));
  const head = `### ${esc(r.title)}\n\n${summary}\n\n_${esc(r.tool)}${range}${status}_`;
  return r.diagnosis ? `${renderDiagnosis(r.diagnosis, maxChars)}\n\n${head}` : head;
}

/** The answer first: the diagnosis line, then each incident with its one recommendation, then what was not judged. */
function renderDiagnosis(d: Diagnosis, maxChars: number): string {
  const lines = [`**${esc(diagnosisLine(d))}**`];
  const shown = d.incidents.filter((i) => i.severity !== 'info').slice(0, 5);
  if (shown.length > 1 || (shown.length === 1 && shown[0].consequences.length)) {
    lines.push('');
    for (const i of shown) lines.push(`${SEVERITY_MARK[i.severity]} ${esc(incidentLine(i))}  \n   → ${esc(truncateText(i.recommendation, 300))}`);
  } else if (shown.length === 1) {
    lines.push(`→ ${esc(truncateText(shown[0].recommendation, 300))}`);
  }
  if (d.unjudged.length) {
    lines.push('', `Not judged (${d.unjudged.length}): ${d.unjudged.slice(0, 6).map((u) => esc(unjudgedLine(u))).join('; ')}${d.unjudged.length > 6 ? '; …' : ''}`);
  }
  return truncateText(lines.join('\n'), Math.floor(maxChars / 3));
}

const METRIC_TABLE_HEAD = '\n\n| metric | member | values |\n| --- | --- | --- |\n';

function renderMetricRow(m: MetricSummary): string {
  const values = STAT_ORDER.filter((s) => s in m.stats)
    .map((s) => `${s} ${esc(formatStat(m, s))}`)
    .join(' · ');
  const labels = m.labels && Object.keys(m.labels).length ? ` (${Object.entries(m.labels).map(([k, v]) => `${esc(k)}=${esc(v)}`).join(', ')})` : '';
  const member = m.node && m.node !== m.member ? `${esc(m.member)} on ${esc(m.node)}` : esc(m.member);
  return `| ${esc(m.title)}${truncateText(labels, 120)} | ${member} | ${values || 'no data'} |`;
}

function renderFinding(f: Finding): string {
  const evidence = f.evidence.slice(0, 4).map(renderEvidence).join('; ');
  const more = f.evidence.length > 4 ? ` (+${f.evidence.length - 4} more)` : '';
  return (
    `\n- ${SEVERITY_MARK[f.severity]} **${esc(f.severity)}** · ${esc(f.category)} · **${esc(f.member)}**: ${esc(f.title)}` +
    (evidence ? `\n  - Evidence: ${evidence}${more}` : '') +
    (f.rootCause ? `\n  - Cause: ${truncateText(esc(f.rootCause), 500)}` : '') +
    (f.recommendation ? `\n  - Do: ${truncateText(esc(f.recommendation), 500)}` : '')
  );
}

function renderEvidence(e: Evidence): string {
  const what = [e.metric, e.statistic].filter(Boolean).map(esc).join(' ');
  const who = e.member ? ` on ${esc(e.member)}` : '';
  const threshold = e.threshold !== undefined ? ` (threshold ${esc(formatValue(e.threshold, e.unit))})` : '';
  const window = e.window ? ` over ${esc(e.window)}` : '';
  const note = e.note ? ` — ${truncateText(esc(e.note), 160)}` : '';
  return `${what}${who} = ${esc(formatValue(e.aboveTop ? Number.POSITIVE_INFINITY : e.value, e.unit))}${threshold}${window}${note}`;
}

function renderError(e: QueryError): string {
  const metric = e.metric ? ` (${esc(e.metric)})` : '';
  return `\n- \`${esc(e.kind)}\`${metric}: ${truncateText(esc(e.message), 300)} — ${truncateText(esc(e.hint), 200)}`;
}

/** The longest prefix of `items` whose total length fits `budget`. */
function takeWithin(items: string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const item of items) {
    if (used + item.length > budget) break;
    out.push(item);
    used += item.length;
  }
  return out;
}

function size(items: string[]): number {
  return items.reduce((n, s) => n + s.length, 0);
}

function omitted(n: number, what: string): string {
  return n > 0 ? `\n\n_${n} more ${what} left out to keep this short; the JSON result has them all._` : '';
}
