// The CLI's exit codes (documented in README and `etcd-analyzer --help`), and how a result maps onto them.
import type { AnalyzerResult, Severity, SourceErrorKind } from '../core/types';
import { terminalSafe } from '../core/util/safeText';

export const EXIT = {
  ok: 0,
  /** Findings at or above --fail-on. */
  findings: 1,
  /** Unknown command/tool/flag/member, bad duration, bad configuration. */
  usage: 2,
  /** Prometheus unreachable, unauthorized or forbidden, or no etcd targets match the selector. */
  source: 3,
  /**
   * With --fail-on: the run read something but could not judge the cluster (diagnosis verdict `unknown`: no finite
   * data for a signal it needs, e.g. every series NaN). Fails closed: missing evidence is never a pass.
   */
  unjudged: 5,
} as const;

/** Error kinds that explain a failed run best (shown first). */
const SOURCE_FATAL: ReadonlySet<SourceErrorKind> = new Set(['unreachable', 'auth', 'forbidden', 'no_targets']);

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** A failure the CLI reports as one line and an exit code (never a stack trace unless --debug). */
export class CliError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * 3 only when nothing could be read (status failed). A partial result — e.g. one etcd member's endpoint refusing
 * connections because the member is down — is a finding about the cluster, not a broken source.
 */
export function exitCodeFor(result: AnalyzerResult, failOn?: Severity): number {
  if (result.status === 'failed') {
    return result.errors.some((e) => e.kind === 'bad_input') ? EXIT.usage : EXIT.source;
  }
  if (failOn && result.findings.some((f) => RANK[f.severity] >= RANK[failOn])) return EXIT.findings;
  if (failOn && notJudged(result)) return EXIT.unjudged;
  return EXIT.ok;
}

/** Nothing to judge by: the diagnosis says unknown, or (tools without one) every statistic of every row is empty. */
export function notJudged(result: AnalyzerResult): boolean {
  if (result.diagnosis) return result.diagnosis.verdict === 'unknown';
  const rows = result.metrics;
  return rows.length > 0 && rows.every((m) => !Object.values(m.stats).some((v) => typeof v === 'number' && Number.isFinite(v)) && !m.aboveTop?.length);
}

/** The one stderr line explaining why a result failed (undefined when it did not). */
export function problemLine(result: AnalyzerResult): string | undefined {
  if (result.status !== 'failed') return undefined;
  const e = result.errors.find((x) => SOURCE_FATAL.has(x.kind)) ?? result.errors[0];
  if (!e) return `${result.tool} read no data: ${oneLine(result.summary)}`;
  return `${e.kind}: ${oneLine(e.message)} — ${oneLine(e.hint)}`;
}

export function oneLine(text: string): string {
  return terminalSafe(text).trim();
}
