// The openshift profile end to end against live data: a private test bed whose Prometheus labels every series as
// OpenShift's does (scripts/testbed/variant-openshift.sh; members named after nodes), reached the way the analyzer
// reaches a real cluster: a kubeconfig → the Kubernetes API (test double answering with real objects) → the
// thanos-querier Route → HTTPS (a TLS proxy standing in for the router) → Prometheus. Cluster status comes from REAL
// etcdctl run for the pod-exec call against the bed's members, with the environment the etcdctl container has.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startTestbed, type Testbed } from './testbed';
import { promValue, waitForProm } from './prom';
import { makeSelfSignedCert, type TestCert } from './selfSignedCert';
import { startTlsProxy, type TlsProxy } from './tlsProxy';
import { GOOD_TOKEN, startOpenShiftApi, type ExecReply, type OpenShiftApi, type OpenShiftApiWorld } from './openshiftApi';
import { etcdPodList, realJson, routeWithHost } from './openshiftFixtures';
import { openEngine } from '../../src/core/engine/openEngine';
import { defaultProfileConfig } from '../../src/core/profiles';
import type { AnalyzerContext } from '../../src/core/analyzers/types';

export interface OpenShiftLive {
  bed: Testbed;
  /** Node names = etcd member names; pods are `etcd-<node>`. */
  nodes: string[];
  api: OpenShiftApi;
  proxy: TlsProxy;
  world: OpenShiftApiWorld;
  /** openEngine (route discovery, token, TLS), as every face opens the engine. */
  context(): Promise<{ ctx: AnalyzerContext; prometheusUrl: string }>;
  stop(): Promise<void>;
}

function runEtcdctl(args: string[], endpoints: string[]): Promise<ExecReply> {
  return new Promise((resolve) => {
    execFile(
      'etcdctl',
      args,
      // The etcdctl container of an OpenShift etcd pod carries ETCDCTL_API/ENDPOINTS (and certificates) in its env.
      { env: { PATH: process.env.PATH, ETCDCTL_API: '3', ETCDCTL_ENDPOINTS: endpoints.join(','), ETCDCTL_COMMAND_TIMEOUT: '3s' }, timeout: 20_000 },
      (err, stdout, stderr) => resolve({ stdout, stderr, exit: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
    );
  });
}

export async function startOpenShiftLive(offset: number, variant: 'openshift' | 'openshift-35'): Promise<OpenShiftLive> {
  const bed = await startTestbed({ offset, variant });
  const cleanups: (() => Promise<void> | void)[] = [() => bed.stop()];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const nodes = bed.members.map((m) => m.name);
    const load = await bed.load(300);
    assert.ok(load.ok, load.output);
    // A light trickle of writes (one put every 2 s while the tests run): a window without writes has no fsync quantile.
    let trickling = true;
    const trickle = (async () => {
      for (let i = 0; trickling && i < 300; i++) {
        await runEtcdctl(['put', 'trickle/k', String(Date.now())], bed.etcdEndpoints);
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();
    cleanups.push(async () => {
      trickling = false;
      await trickle;
    });
    const sel = 'job="etcd", namespace="openshift-etcd"';
    // Bounded, generously: CI machines are shared (scrapes every 5 s, but a loaded host delays them).
    const seen = await waitForProm(bed.promUrl, `count(increase(etcd_disk_wal_fsync_duration_seconds_count{${sel}}[1m]) > 0)`, (v) => v === 3, 120_000);
    const up = await promValue(bed.promUrl, `sum(up{${sel}})`);
    assert.equal(seen, 3, `the load should be scraped on all three members at ${bed.promUrl} (etcd targets up: ${up})`);
    // Window averages of rates are subqueries on 60 s steps: a young bed has none until a step has two scrapes behind it.
    const rated = await waitForProm(bed.promUrl, `count(avg_over_time((sum by (pod) (rate(process_cpu_seconds_total{${sel}}[60s])))[300s:60s]))`, (v) => v === 3, 120_000);
    assert.equal(rated, 3, 'windowed rates have data on all three members');

    const cert: TestCert = makeSelfSignedCert();
    cleanups.push(() => cert.cleanup());
    const proxy = await startTlsProxy(bed.promUrl, cert);
    cleanups.push(() => proxy.close());
    const world: OpenShiftApiWorld = {
      openshift: true,
      // The real route manifests; the router-assigned host is the TLS proxy in front of the bed's Prometheus.
      routes: { 'thanos-querier': routeWithHost('route-thanos-querier.yaml', proxy.host), 'prometheus-k8s': routeWithHost('route-prometheus-k8s-api.yaml', proxy.host) },
      clusterVersion: realJson('clusterversion-not-upgrading-4.14.1.yaml'),
      infrastructure: realJson('infrastructure-cluster.insights-sample.json'),
      network: realJson('network-cluster.insights-sample.json'),
      nodes: realJson('nodes-list-not-upgrading-3-masters-3-workers.yaml'),
      pods: etcdPodList(nodes),
      exec: (cmd) => runEtcdctl(cmd.slice(1), bed.etcdEndpoints),
      execCalls: [],
    };
    const api = await startOpenShiftApi(world, cert);
    cleanups.push(() => api.close());
    const dir = mkdtempSync(join(tmpdir(), 'etcd-analyzer-oslive-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const kubeconfig = api.kubeconfig(dir);
    return {
      bed,
      nodes,
      api,
      proxy,
      world,
      async context() {
        const opened = await openEngine({ from: { options: { profile: { ...defaultProfileConfig(''), profile: 'openshift', kubeconfig } } }, env: {} });
        if (!opened.ok) throw opened.error;
        assert.deepEqual(opened.engine.warnings, []);
        assert.equal(opened.engine.options.token, GOOD_TOKEN);
        return { ctx: opened.engine.context(), prometheusUrl: opened.engine.options.profile.prometheusUrl };
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
