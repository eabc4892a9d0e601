// Short episodes inside a window: when the top causes' signal was past its level (start, peak, end), and whether the
// elections happened while it was (co-occurrence). Reads the rolling series of only the few signals the causes need
// (node CPU, WAL fsync, peer send failures, leader changes), so a 60 s fault inside 5 minutes is dated, not averaged away.
import type { Diagnosis, Incident, Series } from '../types';
import type { Thresholds } from '../analysis/thresholds';
import { formatValue } from '../util/units';

interface EpisodeSignal {
  metric: string;
  /** The level a point must reach to belong to the episode. */
  level: (t: Thresholds) => number;
  /** Which series belong to the incident: its member/node, or (pairs) those sent to it. */
  matches: (s: Series, i: Incident) => boolean;
}

const onSubject = (s: Series, i: Incident) => i.member === 'cluster' || s.member === i.member || s.member === i.node;

/** The signal that dates each cause. */
export const EPISODE_SIGNALS: Partial<Record<Incident['category'], EpisodeSignal>> = {
  cpu: { metric: 'node_cpu_percent', level: (t) => t.cpuPercent.critical, matches: onSubject },
  disk: { metric: 'wal_fsync_duration', level: (t) => t.walFsyncP99Seconds.warning, matches: onSubject },
  availability: { metric: 'peer_sent_failures_rate', level: () => 1e-9, matches: (s, i) => s.member.endsWith(`→${i.member}`) },
  network: { metric: 'peer_rtt', level: (t) => t.peerRttP99Seconds.warning, matches: (s, i) => i.member === 'cluster' || s.member.includes(i.member) },
};

export const ELECTIONS_METRIC = 'leader_changes';

/** Metrics whose series the episodes of these incidents need (plus leader changes for co-occurrence). */
export function episodeMetrics(d: Diagnosis, max = 3): string[] {
  const ids = d.incidents.slice(0, max).map((i) => EPISODE_SIGNALS[i.category]?.metric).filter((m): m is string => !!m);
  return ids.length ? [...new Set([...ids, ELECTIONS_METRIC])] : [];
}

/**
 * Adds `episode` (start/peak/end, when shorter than the window) to the top incidents and, for a CPU or disk cause,
 * says in its reasoning how many of the window's elections happened inside the episode.
 */
export function withEpisodes(d: Diagnosis, series: readonly Series[], t: Thresholds, window: { start: string; end: string }, max = 3): Diagnosis {
  const ws = Date.parse(window.start);
  const we = Date.parse(window.end);
  const incidents = d.incidents.map((i, n) => {
    const sig = EPISODE_SIGNALS[i.category];
    if (n >= max || !sig) return i;
    const mine = series.filter((s) => s.metric === sig.metric && sig.matches(s, i));
    const ep = episodeOf(mine, sig.level(t));
    if (!ep) return i;
    const step = medianStep(mine);
    // As long as the window: not an episode, the whole window was like this.
    if (ep.start - ws <= step && we - ep.end <= step) return i;
    // The headline says when: a 75 s saturation inside 5 minutes reads as the episode it was.
    const when = `${iso(ep.start).slice(11, 16)}–${iso(ep.end).slice(11, 16)} UTC`;
    const out: Incident = { ...i, headline: `${i.headline} (${when})`, episode: { start: iso(ep.start), peakAt: iso(ep.peakAt), end: iso(ep.end) } };
    const elections = electionsDuring(series, ep.start - step, ep.end + step);
    if ((i.category === 'cpu' || i.category === 'disk') && elections.total > 0) {
      out.reasoning += ` ${elections.inside} of ${elections.total} leader change${elections.total === 1 ? '' : 's'} in the window happened while ${sig.metric === 'node_cpu_percent' ? 'the CPU was saturated' : 'fsync was slow'} (${iso(ep.start).slice(11, 19)}–${iso(ep.end).slice(11, 19)} UTC, peak ${formatValue(ep.peak, mine[0]?.unit ?? 'count')} at ${iso(ep.peakAt).slice(11, 19)}).`;
    }
    return out;
  });
  const top = incidents.find((i, n) => d.incidents[n].headline === d.headline);
  return { ...d, incidents, headline: top?.headline ?? d.headline };
}

interface Ep {
  start: number;
  end: number;
  peakAt: number;
  peak: number;
}

/** The span (first to last point at or above the level) and the peak, over every matching series. */
export function episodeOf(series: readonly Series[], level: number): Ep | undefined {
  let ep: Ep | undefined;
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (v === null || !(v >= level)) continue;
      if (!ep) ep = { start: t, end: t, peakAt: t, peak: v };
      ep.start = Math.min(ep.start, t);
      ep.end = Math.max(ep.end, t);
      if (v > ep.peak) Object.assign(ep, { peak: v, peakAt: t });
    }
  }
  return ep;
}

/** Leader changes (rolling increase of the counter, the highest member's view) inside [from, to] vs the whole window. */
export function electionsDuring(series: readonly Series[], from: number, to: number): { inside: number; total: number } {
  const rows = series.filter((s) => s.metric === ELECTIONS_METRIC);
  if (!rows.length) return { inside: 0, total: 0 };
  const count = (pred: (t: number) => boolean) =>
    Math.max(...rows.map((s) => increments(s).filter(([t]) => pred(t)).reduce((n, [, d]) => n + d, 0)));
  return { inside: Math.round(count((t) => t >= from && t <= to)), total: Math.round(count(() => true)) };
}

/** Rising edges of a rolling-increase series: each new change counted once, when it first shows. */
function increments(s: Series): [number, number][] {
  const out: [number, number][] = [];
  let prev = 0;
  for (const [t, v] of s.points) {
    const cur = v ?? 0;
    if (cur - prev > 0.5) out.push([t, cur - prev]);
    prev = cur;
  }
  return out;
}

function medianStep(series: readonly Series[]): number {
  const pts = series[0]?.points ?? [];
  return pts.length > 1 ? (pts[pts.length - 1][0] - pts[0][0]) / (pts.length - 1) : 60_000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
