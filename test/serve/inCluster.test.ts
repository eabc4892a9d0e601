// `etcd-analyzer serve --profile openshift` as a pod runs it: no kubeconfig, the API server from
// KUBERNETES_SERVICE_HOST/PORT, the service account's token and CA from the mount (here a temp folder named by
// ETCD_ANALYZER_SERVICEACCOUNT_DIR). The Kubernetes API is the test double (real route objects), the Thanos route's
// host is a TLS proxy in front of the bed's Prometheus: the token must reach both, over verified TLS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOOD_TOKEN, startOpenShiftApi, type OpenShiftApi, type OpenShiftApiWorld } from '../helpers/openshiftApi';
import { etcdPodList, realJson, routeWithHost } from '../helpers/openshiftFixtures';
import { makeSelfSignedCert, type TestCert } from '../helpers/selfSignedCert';
import { startTlsProxy, type TlsProxy } from '../helpers/tlsProxy';
import { bedPromUrl, rawRequest, serveEnv, serveRefuses, startServe } from '../helpers/serveProcess';
import { inClusterAvailable, inClusterTarget } from '../../src/core/source/openshift/inCluster';

let cert: TestCert;
let proxy: TlsProxy;
let api: OpenShiftApi;
const dir = mkdtempSync(join(tmpdir(), 'etcd-serve-incluster-'));

function serviceAccount(name: string, token: string, ca = true): string {
  const sa = join(dir, name);
  mkdirSync(sa, { recursive: true });
  writeFileSync(join(sa, 'token'), token);
  if (ca) writeFileSync(join(sa, 'ca.crt'), cert.cert);
  writeFileSync(join(sa, 'namespace'), 'etcd-analyzer');
  return sa;
}

function podEnv(sa: string): Record<string, string> {
  const port = new URL(api.url).port;
  // HOME without a kubeconfig, KUBECONFIG unset: the pod's situation.
  return serveEnv({ HOME: dir, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port, ETCD_ANALYZER_SERVICEACCOUNT_DIR: sa });
}

before(async () => {
  cert = makeSelfSignedCert();
  proxy = await startTlsProxy(bedPromUrl(), cert);
  const world: OpenShiftApiWorld = {
    openshift: true,
    routes: { 'thanos-querier': routeWithHost('route-thanos-querier.yaml', proxy.host), 'prometheus-k8s': routeWithHost('route-prometheus-k8s-api.yaml', proxy.host) },
    clusterVersion: realJson('clusterversion-not-upgrading-4.14.1.yaml'),
    infrastructure: realJson('infrastructure-cluster.insights-sample.json'),
    network: realJson('network-cluster.insights-sample.json'),
    nodes: realJson('nodes-list-not-upgrading-3-masters-3-workers.yaml'),
    pods: etcdPodList(['m1', 'm2', 'm3']),
    exec: () => ({ stdout: '', stderr: 'exec is not allowed for this service account', exit: 1 }),
    execCalls: [],
  };
  api = await startOpenShiftApi(world, cert);
});

after(async () => {
  await api?.close();
  await proxy?.close();
  cert?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve: in-cluster configuration (openshift profile)', () => {
  it('finds the Thanos route with the service account and queries it with the same token over verified TLS', async () => {
    const srv = await startServe(['--port', '0', '--profile', 'openshift'], podEnv(serviceAccount('good', GOOD_TOKEN)));
    try {
      const status = JSON.parse((await rawRequest(`${srv.url}/api/v1/status`)).body);
      assert.equal(status.profile, 'openshift');
      assert.equal(status.source, `https://${proxy.host}`, 'the URL discovered from the thanos-querier route');
      const routeCalls = api.double.requests.filter((r) => r.path.includes('/routes/'));
      assert.ok(routeCalls.length > 0, 'the route was read from the API server');
      assert.ok(routeCalls.every((r) => r.headers.authorization === `Bearer ${GOOD_TOKEN}`), 'with the service-account token');
      const r = await rawRequest(`${srv.url}/api/v1/tools/get_server_health`, { method: 'POST' });
      assert.ok([200, 502].includes(r.status), r.body.slice(0, 300));
      assert.ok(proxy.requests > 0, 'Prometheus was queried through the route');
      assert.deepEqual([...proxy.authSeen], [`Bearer ${GOOD_TOKEN}`], 'only the service-account token reached Prometheus');
      assert.equal(await srv.stop(), 0);
      assert.doesNotMatch(srv.stderr(), new RegExp(GOOD_TOKEN.replace(/[~]/g, '.')), 'the token is never logged');
    } finally {
      await srv.stop();
    }
  });

  it('a token the API server refuses: exit 3 naming the failure', async () => {
    const r = await serveRefuses(['--port', '0', '--profile', 'openshift'], podEnv(serviceAccount('bad', 'sha256~not-a-valid-token')));
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /401|[Uu]nauthori[sz]ed|token/);
  });

  it('the mount without ca.crt: a clear message, not a TLS guess', () => {
    const sa = serviceAccount('noca', GOOD_TOKEN, false);
    const env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', ETCD_ANALYZER_SERVICEACCOUNT_DIR: sa };
    assert.equal(inClusterAvailable(env), true);
    assert.throws(() => inClusterTarget(env), /cannot read the service account CA .*ca\.crt \(ENOENT\)/);
  });

  it('not a pod (no KUBERNETES_SERVICE_HOST, or no token file): the kubeconfig path is used', () => {
    assert.equal(inClusterAvailable({ ETCD_ANALYZER_SERVICEACCOUNT_DIR: serviceAccount('x', GOOD_TOKEN) }), false);
    assert.equal(inClusterAvailable({ KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '1', ETCD_ANALYZER_SERVICEACCOUNT_DIR: join(dir, 'none') }), false);
  });

  it('IPv6 API server addresses are bracketed', () => {
    const t = inClusterTarget({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443', ETCD_ANALYZER_SERVICEACCOUNT_DIR: serviceAccount('v6', GOOD_TOKEN) });
    assert.equal(t.server, 'https://[fd00::1]:443');
    assert.equal(t.token, GOOD_TOKEN);
    assert.equal(t.context, 'in-cluster');
  });
});
