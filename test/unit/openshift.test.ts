// OpenShift/Kubernetes path against a local HTTPS TEST DOUBLE of the Kubernetes API (test/helpers/openshiftApi.ts:
// 127.0.0.1, self-signed certificate generated at test time) answering with REAL OpenShift objects
// (test/fixtures/openshift/real, see the fixtures README for what each is and what was added), and the pod exec
// call over WebSocket answering with etcdctl outputs recorded from a real etcd 3.4.23 whose members are named after
// nodes, as OpenShift names them.
import { detectOpenShift, readKubeContexts } from '../../src/extension/commands/kubeContexts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORBIDDEN_TOKEN, GOOD_TOKEN, startOpenShiftApi, type OpenShiftApi, type OpenShiftApiWorld } from '../helpers/openshiftApi';
import { etcdPodList, infrastructureWithTopology, nodeNames, realJson, routeWithHost } from '../helpers/openshiftFixtures';
import { makeSelfSignedCert, type TestCert } from '../helpers/selfSignedCert';
import { loadKubeTarget, listContexts } from '../../src/core/source/openshift/kubeconfig';
import { createKubeClient } from '../../src/core/source/openshift/kubeClient';
import { discoverPrometheusUrl } from '../../src/core/source/openshift/discovery';
import { clusterVersionOf, createKubeClusterApi } from '../../src/core/source/openshift/clusterApi';
import { createEtcdctlExecStatus, parseEtcdctlJson } from '../../src/core/source/openshift/etcdctlStatus';
import { connectOpenShift } from '../../src/core/source/openshift/connect';
import { prepareEngineOptions } from '../../src/core/engine/prepareOpenShift';
import { parseQuantity } from '../../src/core/source/openshift/quantity';
import { SourceError } from '../../src/core/source/types';
import { defaultProfileConfig } from '../../src/core/profiles';
import { createContext } from '../../src/core/context';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { noTargetsError } from '../../src/core/analyzers/analyzerKit';

const FX = join(__dirname, '..', 'fixtures', 'openshift');
const fx = (n: string) => readFileSync(join(FX, n), 'utf8');
const GOOD = GOOD_TOKEN;
const FORBIDDEN = FORBIDDEN_TOKEN;
const NODE_LIST = 'nodes-list-not-upgrading-3-masters-3-workers.yaml';
/** The masters of the real node list; the recorded etcd members carry these names. */
const MASTERS = nodeNames(NODE_LIST, 'master');
const THANOS_HOST = 'thanos-querier-openshift-monitoring.apps.test.example';

/** Mutable per test: which API paths exist and what each etcdctl command prints. */
const world: OpenShiftApiWorld = {
  openshift: true,
  routes: { 'thanos-querier': routeWithHost('route-thanos-querier.yaml', THANOS_HOST), 'prometheus-k8s': routeWithHost('route-prometheus-k8s-api.yaml', 'prometheus-k8s-openshift-monitoring.apps.test.example') },
  clusterVersion: realJson('clusterversion-not-upgrading-4.14.1.yaml'),
  infrastructure: realJson('infrastructure-cluster.insights-sample.json'),
  network: realJson('network-cluster.insights-sample.json'),
  nodes: realJson(NODE_LIST),
  // The first master's pod is not Ready: a Ready one must be chosen for exec.
  pods: etcdPodList(MASTERS, [MASTERS[0]]),
  exec: (cmd: string[]) => {
    const key = cmd.slice(1, 3).join(' ');
    const map: Record<string, string> = {
      'endpoint status': fx('etcdctl-node-names/endpoint_status.json'),
      'endpoint health': fx('etcdctl-node-names/endpoint_health.json'),
      'member list': fx('etcdctl-node-names/member_list.json'),
      'alarm list': fx('etcdctl-node-names/alarm_list.json'),
    };
    return { stdout: map[key] ?? '' };
  },
  execCalls: [],
};
const defaults = { ...world, routes: { ...world.routes } };
function reset() {
  Object.assign(world, { ...defaults, routes: { ...defaults.routes }, execCalls: [] });
}

let cert: TestCert;
let api: OpenShiftApi;
let dir: string;

before(async () => {
  cert = makeSelfSignedCert();
  dir = mkdtempSync(join(tmpdir(), 'etcd-analyzer-kube-'));
  api = await startOpenShiftApi(world, cert);
});

after(async () => {
  await api.close();
  cert.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a kubeconfig pointing at the test double. */
function kubeconfig(opts: { token?: string; ca?: boolean; user?: object; name?: string } = {}): string {
  return api.kubeconfig(dir, opts);
}

async function sourceError(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SourceError, String(e));
    return e;
  }
  assert.fail('expected a SourceError');
}

test('kubeconfig: current context, token, CA data; contexts listed', () => {
  const file = kubeconfig();
  const t = loadKubeTarget({ kubeconfig: file });
  assert.equal(t.server, api.url);
  assert.equal(t.context, 'admin');
  assert.equal(t.token, GOOD);
  assert.match(t.tls.caPem ?? '', /BEGIN CERTIFICATE/);
  assert.deepEqual(listContexts(file), { contexts: ['admin', 'other'], current: 'admin' });
  assert.equal(loadKubeTarget({ kubeconfig: file, context: 'other' }).context, 'other');
});

test('kubeconfig YAML with relative file paths and KUBECONFIG lists', () => {
  writeFileSync(join(dir, 'ca.pem'), cert.cert);
  writeFileSync(join(dir, 'tok'), 'tok-from-file\n');
  const yamlFile = join(dir, 'yaml-config');
  writeFileSync(
    yamlFile,
    `apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster:\n    server: ${api.url}/\n    certificate-authority: ca.pem\nusers:\n- name: u\n  user:\n    tokenFile: tok\n`,
  );
  const t = loadKubeTarget({ env: { KUBECONFIG: `/nonexistent/kc:${yamlFile}` } });
  assert.equal(t.token, 'tok-from-file');
  assert.equal(t.tls.caFile, join(dir, 'ca.pem'));
  assert.equal(t.server, api.url);
});

test('bad kubeconfig: missing file, not YAML, unknown context, exec plugin → bad_input naming the fix', () => {
  const missing = () => loadKubeTarget({ kubeconfig: join(dir, 'nope.yaml') });
  assert.throws(missing, (e: unknown) => e instanceof SourceError && e.kind === 'bad_input' && /cannot read the kubeconfig/.test(e.message) && /oc login/.test(e.hint));
  const garbage = join(dir, 'garbage.yaml');
  writeFileSync(garbage, 'clusters: [unclosed\n  - : :');
  assert.throws(() => loadKubeTarget({ kubeconfig: garbage }), /not valid YAML/);
  assert.throws(() => loadKubeTarget({ kubeconfig: kubeconfig(), context: 'prod' }), /context "prod" is not in .* \(contexts: admin, other\)/);
  const execUser = kubeconfig({ user: { exec: { command: 'aws', args: ['eks', 'get-token'] } } });
  assert.throws(() => loadKubeTarget({ kubeconfig: execUser }), (e: unknown) => e instanceof SourceError && /exec plugin/.test(e.message) && /token/.test(e.hint));
});

test('discovery: Thanos querier route (its /api prefix matcher dropped), fallback prometheus-k8s, none', async () => {
  reset();
  const kube = createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }));
  assert.deepEqual(await discoverPrometheusUrl(kube), { url: `https://${THANOS_HOST}`, route: 'thanos-querier' });
  world.routes['thanos-querier'] = undefined;
  assert.equal((await discoverPrometheusUrl(kube)).route, 'prometheus-k8s');
  world.routes['prometheus-k8s'] = undefined;
  const e = await sourceError(discoverPrometheusUrl(kube));
  assert.equal(e.kind, 'unavailable');
  assert.match(e.message, /no thanos-querier or prometheus-k8s route/);
  assert.match(e.hint, /--prometheus/);
  kube.close();
});

test('cluster info on OpenShift (real objects): version, platform, network type, nodes by role', async () => {
  reset();
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  assert.equal(info.kind, 'openshift');
  assert.equal(info.version, '4.14.1');
  assert.equal(info.updatingTo, undefined, 'steady state: no update in progress');
  assert.equal(info.platform, 'None');
  assert.equal(info.networkType, 'OpenShiftSDN');
  assert.equal(info.nodes.length, 6);
  assert.deepEqual(info.nodes.filter((n) => n.roles.includes('master')).map((n) => n.name), MASTERS);
  assert.deepEqual(info.nodes.find((n) => n.name === MASTERS[0])!.roles, ['control-plane', 'master']);
  assert.equal(info.nodes.filter((n) => n.roles.join() === 'worker').length, 3);
  assert.ok(info.nodes.every((n) => n.ready));
  assert.equal(info.nodes[0].cpuCores, undefined, 'this captured list carries no capacity: unknown, not 0');
});

test('cluster info: capacity and kubelet of a full node list (compact 4.16: every node control-plane + worker)', async () => {
  reset();
  world.nodes = realJson('nodes-list-4.16.0-compact-3-control-plane.yaml');
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  const n = info.nodes.find((x) => x.name === 'ip-10-0-27-170.us-west-1.compute.internal')!;
  assert.deepEqual(n.roles, ['control-plane', 'master', 'worker']);
  assert.equal(n.cpuCores, 8);
  assert.equal(n.memoryBytes, 32159888 * 1024);
  assert.equal(n.kubeletVersion, 'v1.29.6+aba1e8d');
});

test('version during an update: the installed one, "updating to" the target while history[0] is Partial', async () => {
  reset();
  world.clusterVersion = realJson('clusterversion-mid-upgrade-4.14.1-degraded.yaml');
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  assert.equal(info.version, '4.14.0-rc.3', 'desired is already 4.14.1, but that update has not completed');
  assert.equal(info.updatingTo, '4.14.1');
  assert.deepEqual(clusterVersionOf({ status: { desired: { version: '4.15.0' }, history: [{ state: 'Partial', version: '4.15.0' }] } }), { updatingTo: '4.15.0' }, 'installing: no completed version');
  assert.deepEqual(clusterVersionOf(JSON.parse(realJson('clusterversion-version-4.7.16.insights-sample.json'))), { version: '4.7.16' });
  assert.deepEqual(clusterVersionOf(undefined), {});
});

test('hosted control plane (controlPlaneTopology External): no etcd pods is explained, not a bare "no pod"', async () => {
  reset();
  world.infrastructure = infrastructureWithTopology('External');
  world.pods = '{"kind":"PodList","items":[]}';
  const kube = createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }));
  const info = await createKubeClusterApi(kube).clusterInfo();
  assert.equal(info.controlPlaneTopology, 'External');
  const e = await sourceError(createEtcdctlExecStatus(kube).status());
  assert.equal(e.kind, 'unavailable');
  assert.match(e.message, /hosted outside/);
  assert.match(e.message, /etcd's own status .* is out of reach/);
  assert.match(e.hint, /Prometheus can still be read for its nodes/);
  assert.match(e.hint, /management cluster/);
  // Two-node (DualReplica) clusters keep their etcd pods with the etcdctl container: read as usual.
  world.infrastructure = infrastructureWithTopology('DualReplica');
  world.pods = etcdPodList(MASTERS.slice(0, 2));
  const dual = await createEtcdctlExecStatus(kube).status();
  assert.equal(dual.members.length, 3, 'etcdctl answers from a DualReplica pod');
});

test('cluster info on plain Kubernetes: server version and nodes', async () => {
  reset();
  world.openshift = false;
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  assert.equal(info.kind, 'kubernetes');
  assert.equal(info.version, 'v1.29.2');
  assert.equal(info.platform, undefined);
  assert.equal(info.nodes.length, 6);
});

test('expired token (401) → auth error telling to log in again', async () => {
  reset();
  const e = await sourceError(createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig({ token: 'expired-token-value' }) }))).clusterInfo());
  assert.equal(e.kind, 'auth');
  assert.match(e.hint, /oc login/);
  assert.ok(!e.message.includes('Bearer') && !e.hint.includes('expired-token-value'));
});

test('forbidden (403) → forbidden error naming the permission', async () => {
  reset();
  const kube = createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig({ token: FORBIDDEN }) }));
  const e = await sourceError(discoverPrometheusUrl(kube));
  assert.equal(e.kind, 'forbidden');
  assert.match(e.hint, /cluster-reader|permission/);
  const ex = await sourceError(createEtcdctlExecStatus(kube).status());
  assert.equal(ex.kind, 'forbidden');
});

test('untrusted API certificate → TLS hint about the kubeconfig CA', async () => {
  reset();
  const e = await sourceError(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig({ ca: false }) })).get('/version'));
  assert.equal(e.kind, 'unreachable');
  assert.match(e.hint, /certificate-authority/);
});

test('cluster status via etcdctl exec in a ready etcd pod: members named by node, leader, hex ids', async () => {
  reset();
  const s = await createEtcdctlExecStatus(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).status();
  assert.deepEqual(s.members.map((m) => m.name).sort(), MASTERS, "etcd's member names are the node names");
  assert.ok(s.members.every((m) => m.healthy && m.version === '3.4.23'));
  assert.equal(s.leaderName, MASTERS[0]);
  assert.equal(s.leaderId, '2444c33417313b0b');
  assert.equal(s.members.find((m) => m.name === MASTERS[1])!.id, '3d1ad7db7af39521', 'uint64 id beyond 2^53 kept exact');
  assert.equal(s.members.filter((m) => m.isLeader).length, 1);
  assert.equal(world.execCalls.length, 4);
  assert.ok(world.execCalls.every((c) => c.pod === `etcd-${MASTERS[1]}` && c.container === 'etcdctl'), 'a Ready pod is chosen');
  assert.deepEqual(world.execCalls.map((c) => c.command.join(' ')).sort(), [
    'etcdctl alarm list -w json',
    'etcdctl endpoint health --cluster -w json',
    'etcdctl endpoint status --cluster -w json',
    'etcdctl member list -w json',
  ]);
});

test('one member down (recorded): unhealthy with the error, others still reported; alarms named', async () => {
  reset();
  world.exec = (cmd) => {
    const key = cmd.slice(1, 3).join(' ');
    if (key === 'endpoint status') return { stdout: fx('etcdctl-node-names/endpoint_status_one_down.json'), stderr: fx('etcdctl-node-names/endpoint_status_one_down.stderr'), exit: 1 };
    if (key === 'endpoint health') return { stdout: fx('etcdctl-node-names/endpoint_health_one_down.json'), stderr: fx('etcdctl-node-names/endpoint_health_one_down.stderr'), exit: 1 };
    if (key === 'member list') return { stdout: fx('etcdctl-node-names/member_list.json') };
    // An alarm list with a NOSPACE alarm on the second master (etcdctl prints the member id as a bare number).
    return { stdout: '{"header":{"cluster_id":9840312279018724798},"alarms":[{"memberID":4403068923368674593,"alarm":1}]}' };
  };
  const s = await createEtcdctlExecStatus(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).status();
  const down = s.members.find((m) => m.name === MASTERS[2])!;
  assert.equal(down.healthy, false);
  assert.match(down.error ?? '', /context deadline exceeded/);
  assert.equal(s.members.filter((m) => m.healthy).length, 2);
  assert.deepEqual(s.alarms, [{ memberId: '3d1ad7db7af39521', member: MASTERS[1], alarm: 'NOSPACE' }]);
});

test('no etcd pods → unavailable with the oc command to check', async () => {
  reset();
  world.pods = '{"kind":"PodList","items":[]}';
  const e = await sourceError(createEtcdctlExecStatus(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).status());
  assert.equal(e.kind, 'unavailable');
  assert.match(e.message, /no running etcd pod/);
  assert.match(e.hint, /oc get pods -n openshift-etcd/);
});

test('connectOpenShift / prepareEngineOptions fill URL, token, TLS and providers; a token is required', async () => {
  reset();
  const file = kubeconfig();
  const c = await connectOpenShift({ kubeconfig: file });
  assert.equal(c.prometheusUrl, 'https://thanos-querier-openshift-monitoring.apps.test.example');
  assert.equal(c.prometheusFrom, 'route thanos-querier');
  assert.equal(c.token, GOOD);
  assert.match(c.prometheusTls.caPem ?? '', /BEGIN CERTIFICATE/);
  c.kube.close();

  const saved = await connectOpenShift({ kubeconfig: file, token: 'saved-token', prometheusUrl: 'https://given.example' });
  assert.equal(saved.token, 'saved-token');
  assert.equal(saved.prometheusFrom, 'given');

  const prepared = await prepareEngineOptions({ profile: { ...defaultProfileConfig(''), profile: 'openshift', kubeconfig: file } });
  assert.equal(prepared.options.profile.prometheusUrl, c.prometheusUrl);
  assert.ok(prepared.options.clusterApi && prepared.options.clusterStatus);
  assert.equal(prepared.warnings.length, 0);

  // kubeconfig unusable but a URL given: go on with metrics, report a warning.
  const partial = await prepareEngineOptions({ profile: { ...defaultProfileConfig('https://given.example'), profile: 'openshift', kubeconfig: join(dir, 'missing') } });
  assert.equal(partial.options.clusterApi, undefined);
  assert.equal(partial.warnings[0].kind, 'bad_input');

  const generic = { profile: defaultProfileConfig('http://127.0.0.1:9090') };
  assert.equal((await prepareEngineOptions(generic)).options, generic);

  const certUser = kubeconfig({ user: { 'client-certificate-data': cert.cert.toString('base64'), 'client-key-data': cert.key.toString('base64') } });
  const e = await sourceError(connectOpenShift({ kubeconfig: certUser }));
  assert.equal(e.kind, 'auth');
  assert.match(e.hint, /token/);
});

test('helpers: quantities and big-id etcdctl JSON', () => {
  assert.equal(parseQuantity('7500m'), 7.5);
  assert.equal(parseQuantity('16Gi'), 16 * 2 ** 30);
  assert.equal(parseQuantity('1e9'), 1e9);
  assert.equal(parseQuantity('500M'), 5e8);
  assert.equal(parseQuantity('lots'), undefined);
  const j = parseEtcdctlJson<{ members: { ID: string }[] }>('{"members":[{"ID":11074172608318055786}]}');
  assert.equal(j.members[0].ID, '11074172608318055786');
});

test('Configure Connection wizard: contexts listed, OpenShift detected via config.openshift.io, plain Kubernetes not', async () => {
  reset();
  const file = kubeconfig();
  assert.deepEqual(readKubeContexts(file), { contexts: ['admin', 'other'], current: 'admin' });
  assert.match(readKubeContexts(join(dir, 'absent.yaml')).problem ?? '', /cannot read the kubeconfig/);
  assert.equal(await detectOpenShift(file, 'other'), true);
  world.openshift = false;
  assert.equal(await detectOpenShift(file, undefined), false);
  assert.equal(await detectOpenShift(join(dir, 'absent.yaml'), undefined), false, 'a broken kubeconfig is "not detected", never a crash');
});

test('get_ocp_cluster_info says "updating to" during an update and explains a hosted control plane', async () => {
  reset();
  world.clusterVersion = realJson('clusterversion-mid-upgrade-4.14.1-degraded.yaml');
  world.infrastructure = infrastructureWithTopology('External');
  const ctx = createContext({
    profile: { ...defaultProfileConfig('http://127.0.0.1:9'), profile: 'openshift' },
    clusterApi: createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))),
  });
  const r = await runAnalyzer(ctx, 'get_ocp_cluster_info', {});
  assert.equal(r.status, 'ok');
  assert.match(r.summary, /^OpenShift 4\.14\.0-rc\.3, updating to 4\.14\.1 on None/);
  assert.match(r.summary, /This cluster's control plane is hosted outside it .* out of reach/);
  assert.match(r.summary, /can still be read for its nodes/);
});

test('no etcd series with the openshift profile: the hint names the hosted-control-plane case', () => {
  const os = noTargetsError(createContext({ profile: { ...defaultProfileConfig('http://127.0.0.1:9'), profile: 'openshift' } }));
  assert.match(os.message, /namespace="openshift-etcd", job="etcd"/);
  assert.match(os.hint, /hosted control plane .* controlPlaneTopology External/);
  assert.doesNotMatch(noTargetsError(createContext({ profile: defaultProfileConfig('http://127.0.0.1:9') })).hint, /hosted/);
});
