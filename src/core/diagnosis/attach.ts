// Puts the diagnosis on an analyzer's result: `diagnosis`, a summary that starts with its headline, and `partial`
// when signals it needed could not be judged (never a clean "ok" over missing evidence).
import type { AnalyzerResult, Diagnosis } from '../types';
import { diagnose } from './diagnose';

export function diagnosisOf(result: Pick<AnalyzerResult, 'findings' | 'metrics' | 'errors' | 'range'>): Diagnosis {
  return diagnose({ findings: result.findings, metrics: result.metrics, errors: result.errors, window: result.range.duration });
}

export function withDiagnosis(result: AnalyzerResult, diagnosis: Diagnosis = diagnosisOf(result)): AnalyzerResult {
  const status = result.status === 'ok' && diagnosis.unjudged.length ? 'partial' : result.status;
  return { ...result, status, summary: `${sentence(diagnosis.headline)} ${result.summary}`, diagnosis };
}

/** The headline as a sentence: ends with one full stop. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
