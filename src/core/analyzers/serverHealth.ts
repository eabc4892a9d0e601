// get_server_health: the analyzer's own health — Prometheus reachable and authorised, etcd and node-exporter targets
// found per member, etcd versions. With no etcd targets it says so and prints the selector used.
import { commonInput } from './input';
import type { Analyzer, AnalyzerContext } from './types';
import type { InstantSample } from '../source/types';
import type { MetricSummary, QueryError } from '../types';
import { buildResult, evaluate, healthData, noTargetsError, rangeOf } from './analyzerKit';
import { readClusterStatus } from './clusterStatusRead';
import { toQueryError, isSourceFatal } from '../util/errors';
import { joinMatchers } from '../util/promql';
import { getMetric } from '../metrics/catalog';
import { nameList } from '../util/nameList';

interface Target {
  member: string;
  instance: string;
  job: string;
  up: boolean;
}

export const serverHealthAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_server_health',
  title: 'Analyzer health',
  description:
    "Checks the analyzer's own data sources: Prometheus reachable and authorised (build info), etcd scrape targets found " +
    'per member and whether they are up, etcd versions, node-exporter targets, and the etcd API when endpoints are ' +
    'configured. Returns the selectors used and what to fix. Use it first when other tools return no data or errors, or to ' +
    'check a new connection. It does not analyse performance.',
  inputSchema: commonInput,
  topic: 'Prometheus reachability, etcd targets per member and versions',
  keywords: { pattern: /\b(health|reachable|prometheus|targets?|connection)\b/i, precedence: 130 },
  slash: { command: 'status', description: 'Cluster status: members, leader, health, versions, alarms', followups: ['bottlenecks', 'general'] },
  explains: ['availability'],
  roles: ['connection_check'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const errors: QueryError[] = [];
    const queries: string[] = [];
    const at = new Date(range.end);
    const etcdSel = ctx.profile.etcdMatchers();
    const nodeSel = ctx.profile.nodeMatchers();

    const ask = async (query: string): Promise<InstantSample[] | undefined> => {
      queries.push(query);
      try {
        return await ctx.source.instant(query, at, { signal: ctx.signal });
      } catch (err) {
        errors.push(toQueryError(err, query));
        return undefined;
      }
    };

    let prometheusVersion: string | undefined;
    if (ctx.source.buildInfo) {
      try {
        prometheusVersion = (await ctx.source.buildInfo({ signal: ctx.signal })).version;
      } catch (err) {
        errors.push(toQueryError(err, '/api/v1/status/buildinfo'));
      }
    }
    // When the source itself is unreachable or refuses us, every other query would fail the same way.
    const fatal = errors.find((e) => isSourceFatal(e.kind));
    const [etcdUp, versions, nodeUp] = fatal
      ? [undefined, undefined, undefined]
      : await Promise.all([
          ask(`up{${joinMatchers(etcdSel)}}`),
          ask(`etcd_server_version{${joinMatchers(etcdSel)}}`),
          ask(`up{${joinMatchers(nodeSel)}}`),
        ]);
    const status = await readClusterStatus(ctx);
    if (status.error) errors.push(status.error);

    const etcdTargets = targetsOf(ctx, etcdUp ?? [], 'member');
    const nodeTargets = targetsOf(ctx, nodeUp ?? [], 'node');
    const versionByMember: Record<string, string> = {};
    for (const s of versions ?? []) if (s.labels.server_version) versionByMember[ctx.profile.memberOf(s.labels)] = s.labels.server_version;
    const filtered = input.member ? etcdTargets.filter((t) => t.member === input.member) : etcdTargets;
    if (etcdUp && !etcdTargets.length) errors.push(noTargetsError(ctx));

    const metrics = filtered.map((t) => upRow(t, ctx));
    const findings = evaluate(ctx, range, input, metrics, { categories: ['availability'], outliers: false, clusterStatus: status.status });

    const parts: string[] = [];
    if (fatal) parts.push(`Prometheus (${ctx.source.description}) is not usable: ${fatal.message}. ${fatal.hint}.`);
    else parts.push(`${ctx.source.description} reachable${prometheusVersion ? ` (version ${prometheusVersion})` : ''}, authorised.`);
    if (etcdUp) {
      if (!etcdTargets.length) parts.push(`No etcd targets found with the etcd selector {${etcdSel}}: check the selector and that Prometheus scrapes etcd.`);
      else
        parts.push(
          `etcd targets (selector {${etcdSel}}): ${nameList(filtered.map((t) => `${t.member} ${t.up ? 'up' : 'DOWN'}${versionByMember[t.member] ? ` v${versionByMember[t.member]}` : ''}`))}.`,
        );
    }
    if (nodeUp) {
      parts.push(
        nodeTargets.length
          ? `node-exporter targets (selector {${nodeSel}}): ${nameList(nodeTargets.map((t) => `${t.member} ${t.up ? 'up' : 'DOWN'}`))}.`
          : `No node-exporter targets with selector {${nodeSel}}: node CPU, memory and disk analyses will be empty.`,
      );
    }
    if (!status.available) parts.push('etcd API: no endpoints configured (cluster status falls back to Prometheus).');
    else if (status.status) parts.push(`etcd API: ${status.status.members.filter((m) => m.healthy).length} of ${status.status.members.length} members answered.`);
    else parts.push(`etcd API failed: ${status.error?.message ?? 'unknown error'}.`);
    const ok = !fatal && etcdTargets.length > 0 && etcdTargets.every((t) => t.up);
    parts.push(ok ? 'Verdict: ready.' : 'Verdict: not ready — see errors and findings.');

    return buildResult(serverHealthAnalyzer, range, {
      summary: parts.join(' '),
      metrics,
      findings,
      errors,
      queries,
      status: fatal || (etcdUp && !etcdTargets.length) ? 'failed' : errors.length ? 'partial' : 'ok',
      data: {
        ...healthData(findings),
        prometheus: { target: ctx.source.description, version: prometheusVersion ?? null, reachable: !fatal },
        profile: ctx.profile.id,
        etcdSelector: etcdSel,
        nodeSelector: nodeSel,
        etcdTargets,
        nodeTargets,
        etcdVersions: versionByMember,
        etcdApi: status.available ? (status.status ? 'ok' : 'failed') : 'not configured',
      },
    });
  },
};

function targetsOf(ctx: AnalyzerContext, samples: readonly InstantSample[], kind: 'member' | 'node'): Target[] {
  return samples
    .map((s) => ({
      member: kind === 'member' ? ctx.profile.memberOf(s.labels) : ctx.profile.nodeOf(s.labels),
      instance: s.labels.instance ?? '',
      job: s.labels.job ?? '',
      up: (s.value ?? 0) >= 0.5,
    }))
    .sort((a, b) => a.member.localeCompare(b.member));
}

function upRow(t: Target, ctx: AnalyzerContext): MetricSummary {
  const def = getMetric('member_up');
  return {
    metric: 'member_up',
    title: def?.title ?? 'etcd target up',
    category: 'general',
    scope: 'member',
    member: t.member,
    ...(ctx.profile.nodeForMember(t.member, { instance: t.instance }) ? { node: ctx.profile.nodeForMember(t.member, { instance: t.instance }) } : {}),
    unit: 'bool',
    stats: { latest: t.up ? 1 : 0 },
  };
}
