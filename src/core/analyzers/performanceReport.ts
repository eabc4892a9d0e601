// generate_etcd_performance_report: runs the data analyzers in parallel over one range (sharing the per-run collector,
// so identical queries are sent once) and combines them: summary, metrics, findings, series, errors, per-section summaries.
// When history is on, the comparison with the stored baseline is part of the report (data.historyComparison), so every face
// saves the same report. When ctx.reportWriter exists it receives the combined result and saves it as files.
import { commonInput } from './input';
import type { Analyzer, AnalyzerContext } from './types';
import type { AnalyzerResult, Diagnosis, Finding, QueryError } from '../types';
import type { CommonInput } from './input';
import { buildResult, dedupeErrors, dedupeMetrics, dedupeSeries, healthData, rangeOf, statusOf } from './analyzerKit';
import { sortFindings } from '../analysis/evaluate';
import { findingsPhrase, worstPhrase, errorsPhrase } from './summaryText';
import { toQueryError } from '../util/errors';
import { leaderOf } from './generalInfo';
import { deepDriveAnalyzer } from './deepDrive';
import { bottleneckAnalysisAnalyzer } from './bottleneckAnalysis';
import { WINDOW_ANALYZERS } from './windowAnalyzers';
import { compareToBaselineAnalyzer } from './compareToBaseline';
import { diagnosisOf, withDiagnosis } from '../diagnosis/attach';
import { nameList } from '../util/nameList';

/** Report sections in reading order. Bottleneck first so its findings (with every correlation) win de-duplication. */
export const REPORT_SECTIONS: Analyzer<typeof commonInput>[] = [
  bottleneckAnalysisAnalyzer,
  deepDriveAnalyzer,
  ...WINDOW_ANALYZERS.filter((a) => a !== bottleneckAnalysisAnalyzer && a !== deepDriveAnalyzer),
];

export interface ReportSection {
  tool: string;
  title: string;
  status: AnalyzerResult['status'];
  summary: string;
  findings: number;
  errors: number;
  data?: Record<string, unknown>;
}

export const performanceReportAnalyzer: Analyzer<typeof commonInput> = {
  name: 'generate_etcd_performance_report',
  title: 'etcd performance report',
  description:
    'The full etcd performance report: runs every data tool over one window (server health, cluster status, node usage, ' +
    'general info, WAL fsync, backend commit, compaction/defrag, node disk, network, deep drive, bottleneck analysis) and ' +
    'combines them: an executive summary with cluster health and key numbers, all metric summaries, all findings ranked ' +
    'with root causes and recommendations, chart series, and a per-section summary (data.sections). Slower than a single ' +
    'tool. Use it when the user asks for a report or a complete assessment; for one question use the dedicated tool.',
  inputSchema: commonInput,
  topic: 'the full performance report',
  keywords: { pattern: /\b(report)\b/i, precedence: 110 },
  slash: { command: 'report', description: 'The full performance report', followups: ['bottlenecks', 'history'] },
  roles: ['report'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    // The baseline shares the per-run collector with the sections, so its live queries go out once.
    const [results, baseline] = await Promise.all([
      Promise.all(REPORT_SECTIONS.map((a) => runSection(ctx, a, input))),
      ctx.history ? runSection(ctx, compareToBaselineAnalyzer, input) : Promise.resolve(undefined),
    ]);
    const byTool = new Map(results.map((r) => [r.tool, r]));

    const metrics = dedupeMetrics(results.flatMap((r) => r.metrics));
    const findings = mergeFindings(results);
    const series = dedupeSeries(results.flatMap((r) => r.series ?? []));
    const errors = dedupeErrors(results.flatMap((r) => r.errors));
    const queries = [...new Set(results.flatMap((r) => r.queries ?? []))];
    const sections: ReportSection[] = results.map((r) => ({
      tool: r.tool,
      title: r.title,
      status: r.status,
      summary: r.summary,
      findings: r.findings.length,
      errors: r.errors.length,
      ...(r.tool === 'get_etcd_performance_deep_drive' && r.data?.comparison ? { data: { comparison: r.data.comparison } } : {}),
    }));

    const h = healthData(findings);
    const members = [...new Set(metrics.filter((m) => m.scope === 'member').map((m) => m.member))].sort();
    const summary = metrics.length || findings.length
      ? `etcd performance report over ${range.duration} (${range.start} to ${range.end}): cluster ${h.health}. ` +
        `${members.length} member${members.length === 1 ? '' : 's'} (${nameList(members)}), leader ${leaderOf(metrics) ?? 'unknown'}. ` +
        `Worst values — WAL fsync p99 ${worstPhrase(metrics, 'wal_fsync_duration', 'p99')}, backend commit p99 ${worstPhrase(metrics, 'backend_commit_duration', 'p99')}, ` +
        `peer RTT p99 ${worstPhrase(metrics, 'peer_rtt', 'p99')}, etcd CPU ${worstPhrase(metrics, 'process_cpu_percent', 'avg')}, node iowait ${worstPhrase(metrics, 'node_iowait_percent', 'avg')}, ` +
        `DB size ${worstPhrase(metrics, 'db_size_bytes', 'latest')}. ${capitalise(findingsPhrase(findings, 5))}.` +
        errorsPhrase(errors)
      : `etcd performance report over ${range.duration}: no etcd data could be read.${errorsPhrase(errors)}`;

    const combined = buildResult(performanceReportAnalyzer, range, {
      summary,
      metrics,
      findings,
      series,
      errors,
      queries,
      status: statusOf({ metrics, findings, errors }),
      data: {
        ...h,
        sections,
        clusterStatus: byTool.get('get_etcd_cluster_status')?.data?.clusterStatus ?? null,
        comparison: byTool.get('get_etcd_performance_deep_drive')?.data?.comparison ?? null,
        rootCauses: byTool.get('get_etcd_bottleneck_analysis')?.data?.rootCauses ?? [],
        ...(baseline?.data ? { historyComparison: { status: baseline.status, summary: baseline.summary, ...baseline.data } } : {}),
      },
    });
    const result = withDiagnosis(combined, keepEpisodes(diagnosisOf(combined), byTool.get('get_etcd_bottleneck_analysis')?.diagnosis));
    return save(ctx, result);
  },
};

/** One section; a bug in one analyzer costs only its section. */
async function runSection<S extends Analyzer['inputSchema']>(ctx: AnalyzerContext, a: Analyzer<S>, input: CommonInput): Promise<AnalyzerResult> {
  try {
    return await a.run(ctx, input as Parameters<typeof a.run>[1]);
  } catch (err) {
    ctx.log.error(`report section ${a.name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    const e: QueryError = { ...toQueryError(err, a.name), hint: `the ${a.name} section failed; the rest of the report is complete` };
    return buildResult(a, rangeOf(ctx, input), { summary: `${a.title} failed: ${e.message}`, errors: [e], status: 'failed' });
  }
}

/** Findings by id, the first section's version winning (bottleneck: it carries every correlation). */
function mergeFindings(results: readonly AnalyzerResult[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const r of results) for (const f of r.findings) if (!byId.has(f.id)) byId.set(f.id, f);
  return sortFindings([...byId.values()]);
}

async function save(ctx: AnalyzerContext, result: AnalyzerResult): Promise<AnalyzerResult> {
  if (!ctx.reportWriter) return result;
  try {
    const { path } = await ctx.reportWriter.write(result, ctx.signal);
    return { ...result, summary: `${result.summary} Report saved as ${path}.`, data: { ...result.data, htmlPath: path } };
  } catch (err) {
    const e = toQueryError(err, 'report file');
    return { ...result, errors: [...result.errors, { ...e, hint: 'the report could not be saved; check the output folder exists and is writable' }], status: result.status === 'ok' ? 'partial' : result.status };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The bottleneck section already dated its causes: the report's diagnosis keeps those episodes for the same causes. */
function keepEpisodes(d: Diagnosis, dated: Diagnosis | undefined): Diagnosis {
  if (!dated) return d;
  const byId = new Map(dated.incidents.map((i) => [i.id, i]));
  const incidents = d.incidents.map((i) => {
    const j = byId.get(i.id);
    return j?.episode ? { ...i, episode: j.episode, reasoning: j.reasoning, headline: j.headline } : i;
  });
  const top = incidents.find((i, n) => d.incidents[n].headline === d.headline);
  return { ...d, incidents, headline: top?.headline ?? d.headline };
}
