// Before running an analyzer: one cheap query proves Prometheus is reachable and authorised and that the etcd
// selector matches targets in the analysed window. Failing here gives one clear line (exit 3) instead of fifty
// failed queries. The window, not "now": a past incident (--start/--end) is analysed from what was scraped then,
// when today the cluster may be gone, renamed or scraped no more.
import type { AnalyzerContext } from '../core/analyzers/types';
import type { TimeRange } from '../core/types';
import { SourceError } from '../core/source/types';
import { CliError, EXIT, oneLine } from './exitCodes';
import { didYouMean } from './suggest';

const PREFLIGHT_TIMEOUT_MS = 15_000;

/** At least Prometheus's own staleness look-back, so a window of seconds still sees the last scrape before it. */
const MIN_LOOKBACK_SECONDS = 300;

/**
 * Returns the member names Prometheus has in the window (any scrape of `up` in it); throws CliError (3 source
 * problem, 2 unknown --member).
 */
export async function preflight(ctx: AnalyzerContext, range: Pick<TimeRange, 'start' | 'end'>, member?: string): Promise<string[]> {
  const where = ctx.source.description;
  // The matchers actually queried (profile selector, validated), so the message shows what Prometheus was asked.
  const matchers = ctx.profile.etcdMatchers();
  const end = new Date(range.end);
  const seconds = Math.max(MIN_LOOKBACK_SECONDS, Math.ceil((end.getTime() - Date.parse(range.start)) / 1000));
  let samples;
  try {
    samples = await ctx.source.instant(`last_over_time(up{${matchers}}[${seconds}s])`, end, { timeoutMs: PREFLIGHT_TIMEOUT_MS, signal: ctx.signal });
  } catch (err) {
    if (err instanceof SourceError) throw new CliError(EXIT.source, `${where}: ${err.kind}: ${oneLine(err.message)} — ${oneLine(err.hint)}`);
    throw err;
  }
  if (!samples.length) {
    throw new CliError(
      EXIT.source,
      `no etcd targets: ${where} has no series for up{${matchers}} from ${range.start} to ${range.end}; check the scrape config, pass --etcd-selector (ETCD_ANALYZER_ETCD_SELECTOR) matching your etcd job, or a window (--duration, --start/--end) when it was scraped`,
    );
  }
  const members = [...new Set(samples.map((s) => ctx.profile.memberOf(s.labels)))].sort();
  if (member !== undefined && !members.includes(member)) {
    throw new CliError(
      EXIT.usage,
      `unknown member "${oneLine(member).slice(0, 60)}"${didYouMean(member, members)} (members in Prometheus in this window: ${members.slice(0, 12).join(', ')})`,
    );
  }
  return members;
}
