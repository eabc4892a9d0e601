// Renders an AnalyzerResult for stdout: summary (the default for `run`: diagnosis, findings, key metrics; see
// summaryText.ts), json (the exact result shape), markdown (the shared renderer), or the full plain-text table
// (every metric for every member). Label values are data: control characters (ANSI escapes) never reach the terminal.
import type { AnalyzerResult, Severity, Statistic } from '../core/types';
import { renderResultMarkdown } from '../core/report/markdown';
import { formatStat, formatValue } from '../core/util/units';
import type { Format } from './args';
import { append } from '../core/util/arrays';
import { columns } from '../core/util/columns';
import { renderSummary } from './summaryText';
import type { Thresholds } from '../core/analysis/thresholds';
import { resolveThresholds } from '../core/analysis/thresholds';
import { terminalSafe } from '../core/util/safeText';
import { diagnosisLine, incidentLine, unjudgedLine } from '../core/diagnosis/text';

/** The terminal has no size limit like a chat turn; still bounded so a 7-day deep drive stays readable. */
const CLI_MARKDOWN_MAX_CHARS = 200_000;

export function renderResult(result: AnalyzerResult, format: Format, thresholds: Thresholds = resolveThresholds()): string {
  switch (format) {
    case 'summary':
      return renderSummary(result, thresholds);
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'markdown':
      return renderResultMarkdown(result, { maxChars: CLI_MARKDOWN_MAX_CHARS });
    case 'table':
      return renderTable(result);
  }
}

const MARK: Record<Severity, string> = { critical: 'CRITICAL', warning: 'WARNING ', info: 'INFO    ' };
const STATS: Statistic[] = ['p99', 'p90', 'p50', 'avg', 'max', 'min', 'latest', 'increase', 'rate'];

function renderTable(r: AnalyzerResult): string {
  const out: string[] = [];
  // The answer first: the diagnosis line, its incidents and what could not be judged.
  if (r.diagnosis) {
    out.push(`DIAGNOSIS: ${clean(diagnosisLine(r.diagnosis))}`);
    for (const i of r.diagnosis.incidents.filter((x) => x.severity !== 'info').slice(0, 5)) {
      out.push(`  ${clean(incidentLine(i))}`, `     do: ${clean(i.recommendation)}`);
    }
    for (const u of r.diagnosis.unjudged.slice(0, 8)) out.push(`  NOT JUDGED: ${clean(unjudgedLine(u))}`);
    out.push('');
  }
  const status = r.status === 'ok' ? '' : ` [${r.status}]`;
  out.push(`${clean(r.title)}${status} — ${clean(r.range?.duration ?? '')} (${clean(r.range?.start ?? '')} → ${clean(r.range?.end ?? '')})`);
  out.push(clean(r.summary), '');
  if (r.metrics.length) {
    const rows = r.metrics.map((m) => [
      clean(m.title) + labelText(m.labels),
      clean(m.node && m.node !== m.member ? `${m.member} (${m.node})` : m.member),
      STATS.filter((s) => s in m.stats).map((s) => `${s} ${formatStat(m, s)}`).join('  '),
    ]);
    append(out, columns([['METRIC', 'MEMBER', 'VALUES'], ...rows])).push('');
  }
  const findings = [...r.findings].sort((a, b) => rank(a.severity) - rank(b.severity));
  out.push(findings.length ? `FINDINGS (${findings.length})` : 'FINDINGS: none');
  for (const f of findings) {
    out.push(`${MARK[f.severity]} ${clean(f.category)} · ${clean(f.member)}: ${clean(f.title)}`);
    for (const e of f.evidence.slice(0, 4)) {
      const th = e.threshold !== undefined ? ` (threshold ${formatValue(e.threshold, e.unit)})` : '';
      out.push(`           ${clean(e.metric)}${e.statistic ? ` ${e.statistic}` : ''}${e.member ? ` on ${clean(e.member)}` : ''} = ${formatValue(e.aboveTop ? Number.POSITIVE_INFINITY : e.value, e.unit)}${th}`);
    }
    if (f.rootCause) out.push(`           cause: ${clean(f.rootCause)}`);
    if (f.recommendation) out.push(`           do:    ${clean(f.recommendation)}`);
  }
  if (r.errors.length) {
    out.push('', `FAILED QUERIES (${r.errors.length})`);
    for (const e of r.errors) out.push(`  ${e.kind}${e.metric ? ` (${clean(e.metric)})` : ''}: ${clean(e.message)} — ${clean(e.hint)}`);
  }
  return `${out.join('\n')}\n`;
}

function rank(s: Severity): number {
  return s === 'critical' ? 0 : s === 'warning' ? 1 : 2;
}

function labelText(labels?: Record<string, string>): string {
  if (!labels || !Object.keys(labels).length) return '';
  return ` {${Object.entries(labels).map(([k, v]) => `${clean(k)}=${clean(v)}`).join(',')}}`;
}

export { columns } from '../core/util/columns';

/** Strips control characters (ESC starts terminal escape sequences) from data before it reaches a terminal. */
export function clean(text: unknown): string {
  return terminalSafe(text);
}
