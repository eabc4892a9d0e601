// `etcd-analyzer run <tool>` and `etcd-analyzer report`: preflight, run through the one runAnalyzer, print, map
// the result onto an exit code. Whatever succeeded is printed even when the exit code is not 0.
import { analyzerFor, analyzerNames, getAnalyzer, needsPrometheus } from '../../core/analyzers/registry';
import { runAnalyzer } from '../../core/analyzers/runAnalyzer';
import type { AnalyzerResult } from '../../core/types';
import type { Thresholds } from '../../core/analysis/thresholds';
import type { CliArgs, Format } from '../args';
import { CliError, EXIT, exitCodeFor, oneLine, problemLine } from '../exitCodes';
import type { CliIo } from '../io';
import { renderResult } from '../output';
import { rangeOf } from '../../core/analyzers/analyzerKit';
import { preflight } from '../preflight';
import { writeReportFiles } from '../reportFiles';
import { openSession, stderrLogger } from '../session';
import { didYouMean } from '../suggest';


export async function runCommand(args: CliArgs, io: CliIo): Promise<number> {
  const tool = args.command === 'report' ? analyzerFor('report').name : (args.tool ?? '');
  if (!getAnalyzer(tool)) {
    throw new CliError(EXIT.usage, `unknown tool "${oneLine(tool).slice(0, 64)}"${didYouMean(tool, analyzerNames)} (etcd-analyzer list shows all)`);
  }
  const log = stderrLogger(args.debug);
  const session = await openSession(args, io.env, log);
  try {
    // Analyzers that read only the history file: Prometheus being down must not block them.
    const input = Object.fromEntries(
      Object.entries({ duration: args.duration, member: args.member, start: args.start, end: args.end }).filter(([, v]) => v !== undefined),
    );
    if (needsPrometheus(tool)) await preflight(session.ctx, rangeOf(session.ctx, input), args.member); // the window the analyzer reads
    // History is keyed by the profile's URL (runAnalyzer's default; for openshift the discovered Thanos route).
    const result = await runAnalyzer(session.ctx, tool, input);
    if (args.command === 'report' && args.out) {
      const p = session.ctx.profile.config;
      let files: string[];
      try {
        files = await writeReportFiles(result, args.out, { cluster: p.prometheusUrl, profile: p.profile, thresholds: session.ctx.thresholds });
      } catch (err) {
        // The analysis is done: print it rather than lose it, and say why the files were not written (exit 2).
        print(result, args.format ?? 'markdown', io, session.ctx.thresholds);
        const why = err instanceof Error && err.name === 'PathRefused' ? err.message : `cannot write ${args.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
        io.stderr(`etcd-analyzer: ${oneLine(why)} — the report is printed above instead; pass --out with a folder or file you can write\n`);
        finish(result, args, io);
        return EXIT.usage;
      }
      io.stdout(`${oneLine(result.summary)}\nwrote ${files.join(', ')}\n`);
    } else {
      // `run` leads with the answer (summary); every metric for every member is --format table.
      print(result, args.format ?? (args.command === 'report' ? 'markdown' : 'summary'), io, session.ctx.thresholds);
    }
    return finish(result, args, io);
  } finally {
    await session.close();
  }
}

function print(result: AnalyzerResult, format: Format, io: CliIo, thresholds: Thresholds): void {
  // A failed result has nothing to show but its errors (the stderr line says why); JSON always prints the shape.
  if (result.status !== 'failed' || format === 'json') io.stdout(renderResult(result, format, thresholds));
}

function finish(result: AnalyzerResult, args: CliArgs, io: CliIo): number {
  const code = exitCodeFor(result, args.failOn);
  const line = problemLine(result);
  if (line && code >= EXIT.usage) {
    io.stderr(`etcd-analyzer: ${line}\n`);
  } else if (result.errors.length && result.status !== 'unavailable') {
    io.stderr(`etcd-analyzer: warning: ${result.errors.length} quer${result.errors.length === 1 ? 'y' : 'ies'} failed, results are partial (first: ${oneLine(result.errors[0].message).slice(0, 160)})\n`);
  }
  if (code === EXIT.unjudged) {
    const u = result.diagnosis?.unjudged[0];
    io.stderr(`etcd-analyzer: nothing could be judged${u ? ` (${oneLine(`${u.signal}${u.member ? ` on ${u.member}` : ''}: ${u.reason}`).slice(0, 200)})` : ': every statistic is empty (NaN/±Inf/no samples)'}; --fail-on fails closed (exit ${EXIT.unjudged})\n`);
  }
  if (code === EXIT.findings) {
    const n = result.findings.filter((f) => f.severity === 'critical' || (args.failOn === 'warning' && f.severity === 'warning')).length;
    io.stderr(`etcd-analyzer: ${n} finding${n === 1 ? '' : 's'} at or above ${args.failOn}\n`);
  }
  return code;
}
