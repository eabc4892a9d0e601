// Results the two history analyzers share: history switched off, and bad input.
import type { AnalyzerResult, TimeRange } from '../../types';
import { buildResult, type AnalyzerMeta } from '../analyzerKit';

export const HISTORY_OFF =
  'history is off or not configured: enable etcdAnalyzer.history.enabled (VS Code) / pass --history FILE or set ETCD_ANALYZER_HISTORY (CLI, MCP server)';

const EMPTY_RANGE = (): TimeRange => {
  const now = new Date().toISOString();
  return { start: now, end: now, duration: '0s', stepSeconds: 0 };
};

export function historyUnavailable(meta: AnalyzerMeta, range: TimeRange): AnalyzerResult {
  return buildResult(meta, range, {
    summary: `No stored runs to read: ${HISTORY_OFF}.`,
    status: 'unavailable',
    errors: [{ kind: 'unavailable', query: 'history', message: HISTORY_OFF, hint: 'turn history on, run a few analyzers, then ask again' }],
  });
}

export function badInput(meta: AnalyzerMeta, range: TimeRange | undefined, message: string, hint: string): AnalyzerResult {
  return buildResult(meta, range ?? EMPTY_RANGE(), {
    summary: `${message}: ${hint}.`,
    status: 'failed',
    errors: [{ kind: 'bad_input', query: meta.name, message, hint }],
  });
}
