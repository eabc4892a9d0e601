// get_ocp_cluster_info: OpenShift/Kubernetes version, platform, nodes by role with capacity, network type.
// Needs the cluster API (openshift profile); with the generic profile it says so and returns no invented data.
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { NodeInfo } from '../source/clusterApiTypes';
import { buildResult, rangeOf } from './analyzerKit';
import { toQueryError } from '../util/errors';
import { formatValue } from '../util/units';
import { EXTERNAL_CONTROL_PLANE, isExternalControlPlane } from '../source/openshift/topology';

export const ocpClusterInfoAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_ocp_cluster_info',
  title: 'OpenShift / Kubernetes cluster info',
  description:
    'The Kubernetes/OpenShift cluster that hosts etcd: version, platform, network type, and nodes by role (control plane, ' +
    'worker, infra) with CPU/memory capacity and readiness. Needs the openshift profile (kubeconfig); with the generic ' +
    'profile it returns status "unavailable" and no data. Use it for context ("what cluster is this", "how big are the ' +
    'masters"). Not for etcd performance.',
  inputSchema: commonInput,
  topic: 'cluster version, platform and nodes',
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    if (!ctx.clusterApi) {
      return buildResult(ocpClusterInfoAnalyzer, range, {
        summary: `Cluster info is not available with the ${ctx.profile.id} profile: needs the openshift profile (kubeconfig).`,
        status: 'unavailable',
        data: { profile: ctx.profile.id },
      });
    }
    try {
      const info = await ctx.clusterApi.clusterInfo(ctx.signal);
      const roles = new Map<string, NodeInfo[]>();
      for (const n of info.nodes) for (const r of n.roles.length ? n.roles : ['none']) (roles.get(r) ?? roles.set(r, []).get(r)!).push(n);
      const roleText = [...roles.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([role, nodes]) => `${nodes.length} ${role} (${nodes.map((n) => `${n.name}${n.ready ? '' : ' NOT READY'}${n.cpuCores ? ` ${n.cpuCores} CPU` : ''}${n.memoryBytes ? ` ${formatValue(n.memoryBytes, 'bytes')}` : ''}`).join(', ')})`)
        .join('; ');
      const notReady = info.nodes.filter((n) => !n.ready).length;
      const version = info.updatingTo
        ? `${info.version ?? '(no completed version yet)'}, updating to ${info.updatingTo}`
        : (info.version ?? '(version unknown)');
      const { message, hint } = EXTERNAL_CONTROL_PLANE;
      const hosted = isExternalControlPlane(info.controlPlaneTopology) ? ` ${message[0].toUpperCase()}${message.slice(1)}; ${hint}.` : '';
      const summary =
        `${info.kind === 'openshift' ? 'OpenShift' : 'Kubernetes'} ${version}${info.platform ? ` on ${info.platform}` : ''}` +
        `${info.networkType ? `, network ${info.networkType}` : ''}: ${info.nodes.length} nodes — ${roleText}.${notReady ? ` ${notReady} node(s) not ready.` : ''}` +
        hosted;
      return buildResult(ocpClusterInfoAnalyzer, range, { summary, data: { clusterInfo: info, source: ctx.clusterApi.description } });
    } catch (err) {
      const e = toQueryError(err, `${ctx.clusterApi.description}: cluster info`);
      return buildResult(ocpClusterInfoAnalyzer, range, { summary: `Cluster info could not be read: ${e.message}.`, errors: [e], status: 'failed' });
    }
  },
};
