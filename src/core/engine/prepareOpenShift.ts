// Async step before createContext for the `openshift` profile: fills the Prometheus URL, token, TLS, ClusterApi
// and cluster-status provider from the kubeconfig. Generic profiles pass through untouched.
import type { EngineOptions } from '../context';
import type { QueryError } from '../types';
import { toQueryError } from '../util/errors';
import { connectOpenShift } from '../source/openshift/connect';
import { redactUrl } from '../util/redact';

export interface PreparedEngineOptions {
  options: EngineOptions;
  /** What could not be set up (e.g. kubeconfig unusable but a Prometheus URL was given): show, then go on. */
  warnings: QueryError[];
}

export async function prepareEngineOptions(opts: EngineOptions, env: NodeJS.ProcessEnv = process.env): Promise<PreparedEngineOptions> {
  if (opts.profile.profile !== 'openshift') return { options: opts, warnings: [] };
  try {
    const c = await connectOpenShift({
      kubeconfig: opts.profile.kubeconfig,
      context: opts.profile.kubeContext,
      prometheusUrl: opts.profile.prometheusUrl,
      token: opts.token,
      prometheusTls: opts.tls,
      env,
      signal: opts.signal,
    });
    opts.log?.info(`openshift: context ${c.target.context}, metrics from ${redactUrl(c.prometheusUrl)} (${c.prometheusFrom})`);
    return {
      options: {
        ...opts,
        profile: { ...opts.profile, prometheusUrl: c.prometheusUrl },
        token: c.token,
        tls: c.prometheusTls,
        clusterApi: opts.clusterApi ?? c.clusterApi,
        clusterStatus: opts.clusterStatus ?? c.clusterStatus,
      },
      warnings: [],
    };
  } catch (e) {
    // Without a Prometheus URL nothing works: let the face report it. With one, metrics still can be analysed.
    if (!opts.profile.prometheusUrl) throw e;
    return { options: opts, warnings: [toQueryError(e, 'kubeconfig')] };
  }
}
