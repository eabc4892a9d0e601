// Runs catalog metrics against a source. Per metric, one instant query carries all its window-wide statistics
// (statsQuery.ts); the metrics' queries are then packed into a few batched requests (batch.ts) sent in parallel
// (the source bounds concurrency and de-duplicates). With `withSeries`, range queries of each metric's rolling
// expression are batched the same way. A failed batch is retried metric by metric, so a failing query costs only its
// own metric: one QueryError, the other metrics still returned. Results are kept per metric query for the life of
// the collector (one run), so analyzers of one run asking for overlapping metrics send nothing twice.
import type { MetricSummary, QueryError, Series } from '../types';
import type { InstantSample, MetricSource, QueryOptions, RangeSeries } from '../source/types';
import { SourceError } from '../source/types';
import type { Profile } from '../profiles/types';
import type { Logger } from '../util/log';
import type { CollectRequest, CollectResult, Collector } from './types';
import type { MetricDef } from '../metrics/types';
import { getMetric } from '../metrics/catalog';
import { toQueryError } from '../util/errors';
import { uniqueBy } from '../util/uniqueBy';
import { buildQueryParams } from './params';
import { discover, discoveryQuery, EMPTY_DISCOVERY, type Discovery } from './discovery';
import { memberFilterFor } from './memberFilter';
import { windowFacts, windowFactsQuery, type WindowFacts } from './windowFacts';
import { reducedScrapeNotice } from './reducedScrape';
import { buildStatsQuery } from './statsQuery';
import { samplesToRows } from './rows';
import { rangeToSeries } from './series';
import { batchQuery, estimatedCost, planBatches, splitByPart, type BatchPart } from './batch';
import { append } from '../util/arrays';
import { warningError } from '../source/promWarnings';

export interface CollectorOptions {
  /**
   * How many requests the metrics of one collect are spread over (default 8, the source's default concurrency).
   * `Infinity` sends one request per metric.
   */
  maxBatches?: number;
}

const DEFAULT_MAX_BATCHES = 8;
/** Bound on remembered per-metric results, in case a collector outlives a run. */
const MEMO_LIMIT = 2000;

/** Failures where sending the batch's queries one by one can help (one malformed or too-heavy part). */
const SPLIT_KINDS = new Set<QueryError['kind']>(['bad_query', 'bad_response', 'server']);

export function createCollector(source: MetricSource, profile: Profile, log: Logger, options: CollectorOptions = {}): Collector {
  const maxBatches = Math.max(1, options.maxBatches ?? DEFAULT_MAX_BATCHES);
  // Discovery is per collector (one run); only a successful answer is kept, so a transient failure is retried.
  let discovered: Promise<Discovery> | undefined;
  const discovery = (time: Date, opts: QueryOptions, lookback: string): Promise<Discovery> => {
    if (!discovered) {
      discovered = discover(source, profile, time, opts, lookback);
      discovered.catch(() => (discovered = undefined));
    }
    return discovered;
  };
  const memo = new Map<string, Promise<unknown[]>>();
  // Data coverage and gRPC methods in use, per window (a run's analyzers share one); a failure means "unknown".
  const facts = new Map<string, Promise<WindowFacts>>();
  const factsOf = (range: CollectRequest['range'], withGrpc: boolean, opts: QueryOptions): Promise<WindowFacts> => {
    const key = `${range.start}\u0000${range.end}\u0000${range.stepSeconds}\u0000${withGrpc}`;
    let hit = facts.get(key);
    if (!hit) {
      hit = windowFacts(source, profile, range, withGrpc, opts).catch((err: unknown) => {
        log.debug(`window facts query failed (${(err as Error).message}); using the whole window and every gRPC method`);
        facts.delete(key);
        return {};
      });
      if (facts.size >= 16) facts.clear();
      facts.set(key, hit);
    }
    return hit;
  };

  /**
   * Runs `parts` (reusing remembered results), batching the rest. Resolves per part id to its samples/series, or
   * to the QueryError of its own query.
   */
  async function runParts<T extends InstantSample | RangeSeries>(
    parts: readonly BatchPart[],
    memoKey: (query: string) => string,
    send: (query: string) => Promise<T[]>,
  ): Promise<Map<string, T[] | QueryError>> {
    const pending = new Map<string, Promise<T[]>>();
    const fresh: BatchPart[] = [];
    for (const part of parts) {
      const hit = memo.get(memoKey(part.query)) as Promise<T[]> | undefined;
      if (hit) pending.set(part.id, hit);
      else fresh.push(part);
    }
    for (const batch of planBatches(fresh, maxBatches, (part) => estimatedCost(part.query))) {
      const whole = send(batchQuery(batch));
      const split = whole.then((res) => splitByPart(batch, res));
      for (const part of batch) {
        const one = split.then(
          (byId) => byId.get(part.id) ?? [],
          (err: unknown) => {
            if (batch.length === 1 || !(err instanceof SourceError) || !SPLIT_KINDS.has(err.kind)) throw err;
            log.debug(`batch of ${batch.length} failed (${err.kind}); retrying ${part.id} alone`);
            return send(part.query);
          },
        );
        const key = memoKey(part.query);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(key, one);
        one.catch(() => memo.get(key) === one && memo.delete(key));
        pending.set(part.id, one);
      }
    }
    const out = new Map<string, T[] | QueryError>();
    await Promise.all(
      parts.map(async (part) => {
        try {
          out.set(part.id, await pending.get(part.id)!);
        } catch (err) {
          // The error names this metric's own query, not the batch it travelled in.
          out.set(part.id, { ...toQueryError(err, part.query, part.id), query: part.query });
        }
      }),
    );
    return out;
  }

  return {
    async collect(req: CollectRequest): Promise<CollectResult> {
      const errors: QueryError[] = [];
      const opts: QueryOptions = req.signal ? { signal: req.signal } : {};
      const end = new Date(req.range.end);
      const start = new Date(req.range.start);
      const step = req.range.stepSeconds;

      const defs: MetricDef[] = [];
      for (const id of new Set(req.metrics)) {
        const def = getMetric(id);
        if (def) defs.push(def);
        else errors.push(unknownMetric(id));
      }
      const lookback = `${Math.max(60, Math.round((end.getTime() - start.getTime()) / 1000))}s`;
      const dq = discoveryQuery(profile, lookback);
      const queries: string[] = [dq];
      if (req.signal?.aborted) return { metrics: [], series: [], errors: [...errors, toQueryError(abortError(), dq)], queries: [] };

      // Started together: both are small and every statistic query needs both answers.
      const withGrpc = defs.some((d) => d.category === 'grpc');
      const known = factsOf(req.range, withGrpc, opts);
      queries.push(windowFactsQuery(profile, req.range, withGrpc));
      let disc = EMPTY_DISCOVERY;
      try {
        disc = await discovery(end, opts, lookback);
      } catch (err) {
        errors.push(toQueryError(err, dq));
        log.warn(`etcd discovery query failed; assuming etcd ${disc.generation} metric names and raw peer ids`);
      }

      if (disc.reducedScrape) errors.push(reducedScrapeNotice(dq));

      let memberFilter = '';
      let memberNode: string | undefined;
      if (req.member) {
        const known = disc.members.get(req.member);
        if (!known && disc.members.size > 0) {
          errors.push(unknownMember(req.member, [...disc.members.keys()], profile));
          return { metrics: [], series: [], errors, queries };
        }
        memberFilter = memberFilterFor(req.member, profile, known);
        memberNode = profile.nodeForMember(req.member, known, disc.nodes.length ? disc.nodes : undefined);
      }
      const f = await known;
      const p = { ...buildQueryParams(req.range, profile, disc.generation, memberFilter, f.dataSeconds, f.scrapeSeconds), ...(f.grpcMethods ? { grpcMethods: f.grpcMethods } : {}), ...(f.noRestarts ? { windowDelta: true } : {}) };

      const statParts = defs.map((def) => ({ def, ...buildStatsQuery(def, p), id: def.id }));
      const seriesParts = req.withSeries ? defs.map((def) => ({ def, id: def.id, query: def.expr(p) })) : [];
      // The appendix lists each metric's own query (runnable as is), not the batches they were packed into.
      append(append(queries, statParts.map((s) => s.query)), seriesParts.map((s) => s.query));

      const noteWarnings = (q: string) => <T>(res: T): T => {
        const w = warningError(q, res);
        if (w) errors.push(w);
        return res;
      };
      const t0 = Date.now();
      const [statsOut, seriesOut] = await Promise.all([
        runParts<InstantSample>(statParts, (q) => `i\u0000${end.getTime()}\u0000${q}`, (q) => source.instant(q, end, opts).then(noteWarnings(q))),
        runParts<RangeSeries>(seriesParts, (q) => `r\u0000${start.getTime()}\u0000${end.getTime()}\u0000${step}\u0000${q}`, (q) =>
          source.range(q, start, end, step, opts).then(noteWarnings(q)),
        ),
      ]);
      log.debug(`collected ${defs.length} metrics${req.withSeries ? ' with series' : ''} in ${Date.now() - t0} ms`);

      let metrics: MetricSummary[] = [];
      for (const s of statParts) {
        const r = statsOut.get(s.id)!;
        if (isError(r)) errors.push(r);
        else append(metrics, samplesToRows(s.def, s.stats, r, profile, disc));
      }
      let series: Series[] = [];
      for (const s of seriesParts) {
        const r = seriesOut.get(s.id)!;
        if (isError(r)) errors.push(r);
        else append(series, rangeToSeries(s.def, r, step, profile, disc));
      }

      if (req.member && memberNode) {
        // Node series carry no member label: keep only the node hosting the filtered member.
        const keep = (metricId: string, member: string) => getMetric(metricId)?.scope !== 'node' || member === memberNode;
        metrics = metrics.filter((m) => keep(m.metric, m.member));
        series = series.filter((s) => keep(s.metric, s.member));
      }
      return { metrics, series, errors: dedupeErrors(errors), queries: [...new Set(queries)] };
    },
  };
}

function isError(r: unknown): r is QueryError {
  return !Array.isArray(r);
}

function unknownMetric(id: string): QueryError {
  return {
    kind: 'bad_input',
    query: '',
    metric: id,
    message: `"${id.slice(0, 80)}" is not a metric of the catalog`,
    hint: 'use an id from src/core/metrics/catalog.ts (e.g. wal_fsync_duration, peer_rtt, db_size_bytes)',
  };
}

function unknownMember(member: string, known: string[], profile: Profile): QueryError {
  return {
    kind: 'bad_input',
    query: '',
    message: `member "${member.slice(0, 80)}" has no etcd series (selector ${profile.etcdMatchers()})`,
    hint: `use one of: ${known.sort().join(', ')} — or omit the member to analyse all`,
  };
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** The same failure of the same query (e.g. discovery reported twice) is listed once. */
function dedupeErrors(errors: QueryError[]): QueryError[] {
  return uniqueBy(errors, (e) => `${e.kind}\u0000${e.query}\u0000${e.metric ?? ''}`);
}
