// get_etcd_network_io: peer RTT per pair, peer/client traffic, peer failures, node network.
import { commonInput } from './input';
import type { Analyzer } from './types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, total, verdict, verdictPhrase, worstPhrase } from './summaryText';
import { metricIdsOf } from '../metrics/catalog';
import { formatValue } from '../util/units';

export const networkIoAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_network_io',
  title: 'etcd network I/O',
  description:
    'etcd network over the window: peer round-trip time p50/p99 for every member pair (target p99 < 50 ms, alert 150 ms), ' +
    'peer sent/received bytes and failures, active peers, client gRPC bytes, watch streams, and node network rx/tx/drops. ' +
    'Findings for slow pairs, peer failures, and (with failed proposals or leader changes) the network as root cause. ' +
    'Returns per-pair and per-member summaries and RTT/traffic series. Use it for slow replication, elections, or ' +
    'cross-zone latency questions. Not for disk latency.',
  inputSchema: commonInput,
  topic: 'peer RTT p99 per pair, peer/client traffic and failures',
  keywords: { pattern: /\b(network|rtt|peer|peers|latency between|packet|drops?)\b/i, precedence: 50 },
  slash: { command: 'network', description: 'Peer RTT per pair, peer and client traffic, failures', followups: ['bottlenecks', 'status'] },
  explains: ['network', 'grpc', 'leader'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    // Failed proposals and leader changes ride along so the network correlation can form.
    const c = await collectAndEvaluate(ctx, range, input, {
      metrics: [...metricIdsOf('network'), 'proposals_failed_rate', 'leader_changes', 'heartbeat_failures_rate'],
      seriesOf: ['peer_rtt', 'peer_sent_bytes_rate', 'client_grpc_received_bytes_rate'],
      categories: ['network'],
    });
    const network = new Set(metricIdsOf('network'));
    const m = c.metrics.filter((r) => network.has(r.metric));
    const peerFail = (total(m, 'peer_sent_failures_rate', 'avg') ?? 0) + (total(m, 'peer_received_failures_rate', 'avg') ?? 0);
    const summary = m.length
      ? `Peer round-trip p99 over ${range.duration}: ${perMember(m, 'peer_rtt', 'p99', { limit: 12 }) || 'no data'} ` +
        `(target < ${formatValue(ctx.thresholds.peerRttP99Seconds.warning, 'seconds')}) — ${verdict(c.findings, 'peer_rtt_p99_high', 'target', { rows: m.filter((r) => r.metric === 'peer_rtt'), stat: 'p99' })}. ` +
        `Peer failures ${formatValue(peerFail, 'per_second')}; peer sent worst ${worstPhrase(m, 'peer_sent_bytes_rate', 'avg')}; ` +
        `client gRPC received ${perMember(m, 'client_grpc_received_bytes_rate', 'avg') || 'no data'}; node network drops worst ${worstPhrase(m, 'node_network_drops_rate', 'avg')}. ` +
        verdictPhrase(c.findings) +
        errorsPhrase(c.errors)
      : `No etcd network data over ${range.duration}.${errorsPhrase(c.errors)}`;
    return evaluatedResult(networkIoAnalyzer, range, { ...c, metrics: m }, summary);
  },
};
