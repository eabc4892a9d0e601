// Plain-text phrasing of a diagnosis shared by every face (chat/MCP markdown, CLI table, report, dashboard), so
// they all lead with the same words. Callers escape for their medium (markdown, HTML, terminal).
import type { Diagnosis, Incident, Verdict } from '../types';

export const VERDICT_WORD: Record<Verdict, string> = {
  critical: 'Critical',
  degraded: 'Degraded',
  healthy: 'Healthy',
  unknown: 'Not judged',
};

const SEVERITY_WORD = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

/** "Critical — Slow disk on m2: …": the first line of every face, in the severity of the cause it names. */
export function diagnosisLine(d: Diagnosis): string {
  const top = d.incidents.find((i) => i.severity !== 'info' && i.headline === d.headline);
  if (top) return `${SEVERITY_WORD[top.severity]} — ${d.headline}`;
  return d.headline.startsWith('Healthy') || d.headline.startsWith('Cannot judge') ? d.headline : `${VERDICT_WORD[d.verdict]} — ${d.headline}`;
}

/** "1. critical · high confidence · disk on m2 — Slow disk on m2: … (explains 3 findings)" */
export function incidentLine(i: Incident): string {
  const explains = i.consequences.length ? ` (${explainsPhrase(i)})` : '';
  return `${i.rank}. ${i.severity} · ${i.confidence} confidence — ${i.headline}${explains}`;
}

/** "WAL fsync latency on m3: no finite sample …" */
export function unjudgedLine(u: Diagnosis['unjudged'][number]): string {
  return `cannot judge ${u.signal}${u.member ? ` on ${u.member}` : ''} because ${u.reason}`;
}

/** "explains 2 other findings" (empty when it explains none): the same words in every face. */
export function explainsPhrase(i: Pick<Incident, 'consequences'>): string {
  const n = i.consequences.length;
  return n ? `explains ${n} other finding${n === 1 ? '' : 's'}` : '';
}

/** "(medium confidence; explains 2 other findings)": the note after an incident's headline in the report views. */
export function incidentNote(i: Pick<Incident, 'confidence' | 'consequences'>): string {
  const explains = explainsPhrase(i);
  return `(${i.confidence} confidence${explains ? `; ${explains}` : ''})`;
}
