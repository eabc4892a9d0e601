// Facts about the analysed window that make the statistics' queries cheaper and truer, read by one small query
// sent alongside discovery (so it adds no round trip):
//  - how much of the window has data. On a cluster (or a Prometheus) younger than the window, a rate over the whole
//    window divides minutes of data by the window's length (and node CPU, 100 − idle, reads near 100 %); the
//    statistics' window is shortened to the part with data. From the etcd targets' few `up` series: scrapes in the
//    window × the scrape interval measured over the last few minutes — and, when those minutes are themselves not
//    all covered (a window of 5 minutes on a 40-second-old cluster), from the first scrape's time, read by a subquery
//    over those few series across twice the recent span at a step of a hundredth of it (its blur of the data's start).
//  - whether any etcd process restarted or node rebooted in the window: if none did, counters did not reset, and a
//    counter's growth over the window is the difference of two values (metrics/build.ts counterIncrease).
//  - the gRPC methods in use. etcd pre-initialises its gRPC series for every method × code (41 methods, 17 codes:
//    ~700 series per member, and 18 latency buckets per unary method), almost all zero. A method no request ever
//    started on (by the window's end, or before its start across a restart) adds only zeros to every gRPC statistic,
//    so the gRPC queries select the methods in use only: the same values from a fraction of the series.
import type { MetricSource, QueryOptions } from '../source/types';
import type { Profile } from '../profiles/types';
import type { TimeRange } from '../types';
import { joinMatchers } from '../util/promql';
import { rangeSeconds, rollingWindowSeconds } from './params';

/** Below this share of the window covered, the statistics' window is shortened (above it, gaps are just gaps). */
const SHORTEN_BELOW = 0.95;
const SPAN = 'analyzer_span';

export interface WindowFacts {
  /** Seconds of the window with data, when clearly fewer than the window's; undefined = the whole window. */
  dataSeconds?: number;
  /** The etcd targets' scrape interval (seconds), from the last few minutes' scrapes; undefined = unknown. */
  scrapeSeconds?: number;
  /** gRPC methods any request was started on; undefined = unknown (select every method). */
  grpcMethods?: string[];
  /** No etcd process restart and no node reboot in the window (counters did not reset); false = some or unknown. */
  noRestarts?: boolean;
}

/**
 * The recent span the scrape interval is measured over: 5 rolling windows (at least 5 min), so that one scrape
 * more or less at its edges moves the estimate by under 2 %; never longer than the window.
 */
function spans(range: TimeRange): { window: number; recent: number } {
  const window = rangeSeconds(range);
  return { window, recent: Math.min(window, Math.max(300, 5 * rollingWindowSeconds(Math.max(1, Math.round(range.stepSeconds))))) };
}

/**
 * Span and step of the first-scrape subquery. Its answer only matters when the data is younger than the recent span
 * (`young` below); over twice that span, data older than it still reads as older (about twice the span). The span is
 * not the whole window: a subquery over a week evaluates `timestamp(up)` a hundred times across every day of data
 * (70 ms on the week-long fixture, on the path before any statistic is sent), and its step, a hundredth of its span,
 * would blur the first scrape by 100 minutes.
 */
function firstSpan(window: number, recent: number): { span: number; step: number } {
  const span = Math.min(window, 2 * recent);
  return { span, step: Math.max(1, Math.round(span / 100)) };
}

export function windowFactsQuery(profile: Profile, range: TimeRange, withGrpc: boolean): string {
  const sel = joinMatchers(profile.etcdMatchers());
  const node = joinMatchers(profile.nodeMatchers());
  const up = `up{${sel}}`;
  const started = `grpc_server_started_total{${sel}}`;
  const { window, recent } = spans(range);
  const first = firstSpan(window, recent);
  const tag = (e: string, v: string) => `label_replace(${e}, "${SPAN}", "${v}", "", "")`;
  const parts = [
    tag(`max(count_over_time(${up}[${window}s]))`, 'window'),
    tag(`max(count_over_time(${up}[${recent}s]))`, 'recent'),
    tag(`min(min_over_time(timestamp(${up})[${first.span}s:${first.step}s]))`, 'first'),
    // Restarts reset counters: a start time that changed is a restart (a few series, one sample per scrape).
    tag(`sum(changes(process_start_time_seconds{${sel}}[${window}s]))`, 'restarts'),
    tag(`sum(changes(node_boot_time_seconds{${node}}[${window}s]))`, 'reboots'),
  ];
  if (withGrpc) parts.push(tag(`group by (grpc_method) (${started} > 0 or ${started} offset ${window}s > 0)`, 'grpc'));
  return parts.join(' or ');
}

export async function windowFacts(source: MetricSource, profile: Profile, range: TimeRange, withGrpc: boolean, opts: QueryOptions): Promise<WindowFacts> {
  const samples = await source.instant(windowFactsQuery(profile, range, withGrpc), new Date(range.end), opts);
  const count = (span: string) => samples.find((s) => s.labels[SPAN] === span)?.value ?? NaN;
  const facts: WindowFacts = {};
  const { window, recent } = spans(range);
  const [inWindow, inRecent] = [count('window'), count('recent')];
  // The first scrape in the window (at most one subquery step late); before it, no data at all.
  const endSeconds = Date.parse(range.end) / 1000;
  const sinceFirst = endSeconds - count('first');
  const young = Number.isFinite(sinceFirst) && sinceFirst > 0 && sinceFirst < recent;
  if (young && inWindow > 1) {
    // The recent span is not all covered: the interval is the data's age over the scrapes in it.
    facts.scrapeSeconds = sinceFirst / (inWindow - 1);
    if (sinceFirst < SHORTEN_BELOW * window) facts.dataSeconds = sinceFirst;
  } else if (inWindow > 0 && inRecent > 1) {
    facts.scrapeSeconds = recent / inRecent;
    const seconds = inWindow * facts.scrapeSeconds;
    if (seconds < SHORTEN_BELOW * window) facts.dataSeconds = seconds;
  }
  // Both answers must be there and 0: a missing start time is "unknown", and unknown reads every sample.
  if (count('restarts') === 0 && count('reboots') === 0) facts.noRestarts = true;
  const methods = samples.filter((s) => s.labels[SPAN] === 'grpc' && s.labels.grpc_method).map((s) => s.labels.grpc_method);
  // No method in use (or no gRPC series at all): nothing to narrow, the queries run as they are and find no data.
  if (withGrpc && methods.length) facts.grpcMethods = [...new Set(methods)].sort();
  return facts;
}
