// Before running an analyzer: one cheap query proves Prometheus is reachable and authorised and that the etcd
// selector matches targets. Failing here gives one clear line (exit 3) instead of fifty failed queries.
import type { AnalyzerContext } from '../core/analyzers/types';
import { SourceError } from '../core/source/types';
import { CliError, EXIT, oneLine } from './exitCodes';
import { didYouMean } from './suggest';

const PREFLIGHT_TIMEOUT_MS = 15_000;

/** Returns the member names Prometheus knows; throws CliError (3 source problem, 2 unknown --member). */
export async function preflight(ctx: AnalyzerContext, member?: string): Promise<string[]> {
  const where = ctx.source.description;
  // The matchers actually queried (profile selector, validated), so the message shows what Prometheus was asked.
  const matchers = ctx.profile.etcdMatchers();
  let samples;
  try {
    samples = await ctx.source.instant(`up{${matchers}}`, ctx.now(), { timeoutMs: PREFLIGHT_TIMEOUT_MS, signal: ctx.signal });
  } catch (err) {
    if (err instanceof SourceError) throw new CliError(EXIT.source, `${where}: ${err.kind}: ${oneLine(err.message)} — ${oneLine(err.hint)}`);
    throw err;
  }
  if (!samples.length) {
    throw new CliError(
      EXIT.source,
      `no etcd targets: ${where} has no series for up{${matchers}}; check the scrape config or pass --etcd-selector (ETCD_ANALYZER_ETCD_SELECTOR) matching your etcd job`,
    );
  }
  const members = [...new Set(samples.map((s) => ctx.profile.memberOf(s.labels)))].sort();
  if (member !== undefined && !members.includes(member)) {
    throw new CliError(
      EXIT.usage,
      `unknown member "${oneLine(member).slice(0, 60)}"${didYouMean(member, members)} (members in Prometheus: ${members.slice(0, 12).join(', ')})`,
    );
  }
  return members;
}
