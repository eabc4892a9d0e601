// The first line of an answer, for every analyzer: the diagnosis when the analyzer judged the cluster; otherwise the
// same diagnosis phrasing over the analyzer's own findings (cause, member, evidence); with no finding, what was
// judged and what could not be — never "healthy" over missing data. Chat, MCP, LM tools and the CLI all start here.
import type { AnalyzerResult, Finding, Severity } from '../../types';
import { diagnosisOf } from '../../diagnosis/attach';
import { diagnosisLine } from '../../diagnosis/text';
import { formatValue } from '../../util/units';
import { SEVERITY_ORDER } from '../findingOrder';

const SEVERITY_WORD: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

export interface AnswerHeadline {
  text: string;
  /** The badge tone: the diagnosis verdict, the worst finding's severity, or `unknown` when nothing was judged. */
  tone: string;
}

export function answerHeadline(r: AnalyzerResult): AnswerHeadline {
  const h = headlineOf(r);
  // One line wherever it goes (a bold markdown line, line 1 of a terminal): a summary with line breaks is folded.
  return { ...h, text: h.text.replace(/\s+/g, ' ').trim() };
}

function headlineOf(r: AnalyzerResult): AnswerHeadline {
  if (r.diagnosis) return { text: diagnosisLine(r.diagnosis), tone: r.diagnosis.verdict };
  if (r.findings.length) {
    const d = diagnosisOf(r);
    if (d.incidents.some((i) => i.severity !== 'info')) return { text: diagnosisLine(d), tone: d.verdict };
    const worst = r.findings.reduce((a, b) => (SEVERITY_ORDER[b.severity] < SEVERITY_ORDER[a.severity] ? b : a));
    return { text: findingLine(worst), tone: worst.severity };
  }
  const window = r.range?.duration ? ` over ${r.range.duration}` : '';
  const summary = r.summary.replace(/[.\s]+$/, '');
  if (r.status === 'unavailable') return { text: `Not available — ${r.title}: ${summary}`, tone: 'unknown' };
  if (r.status === 'failed') return { text: `Not judged — ${r.title}: ${r.errors[0]?.message ?? 'nothing could be read'}`, tone: 'unknown' };
  const read = r.metrics.filter((m) => Object.values(m.stats).some((v) => typeof v === 'number' && Number.isFinite(v))).length;
  if (r.metrics.length && !read) return { text: `Not judged — ${r.title}${window}: no finite data (every value empty, NaN or ±Inf)`, tone: 'unknown' };
  const gaps = [
    r.metrics.length > read ? `${r.metrics.length - read} of ${r.metrics.length} values had no data` : '',
    r.errors.length ? `${r.errors.length} quer${r.errors.length === 1 ? 'y' : 'ies'} failed` : '',
  ].filter(Boolean);
  return { text: `No finding — ${r.title}${window}: ${summary}${gaps.length ? ` (not judged: ${gaps.join(', ')})` : ''}`, tone: gaps.length ? 'unknown' : 'info' };
}

function findingLine(f: Finding): string {
  const e = f.evidence[0];
  const evidence = e ? ` (${e.metric}${e.statistic ? ` ${e.statistic}` : ''} = ${formatValue(e.aboveTop ? Number.POSITIVE_INFINITY : e.value, e.unit)})` : '';
  return `${SEVERITY_WORD[f.severity]} — ${f.title} on ${f.member}${evidence}`;
}
