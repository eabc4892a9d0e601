// OpenShift/Kubernetes path against a local HTTPS TEST DOUBLE of the Kubernetes API (127.0.0.1, self-signed
// certificate generated at test time) serving the fixture answers in test/fixtures/openshift (see its README:
// API objects hand-written in OpenShift 4.14 shapes; etcdctl outputs recorded from a real etcd 3.4.23),
// including the pod exec call over WebSocket (channel protocol v4).
import { detectOpenShift, readKubeContexts } from '../../src/extension/commands/kubeContexts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { startTestDouble, type TestDouble } from '../helpers/httpTestDouble';
import { makeSelfSignedCert, type TestCert } from '../helpers/selfSignedCert';
import { loadKubeTarget, listContexts } from '../../src/core/source/openshift/kubeconfig';
import { createKubeClient } from '../../src/core/source/openshift/kubeClient';
import { discoverPrometheusUrl } from '../../src/core/source/openshift/discovery';
import { createKubeClusterApi } from '../../src/core/source/openshift/clusterApi';
import { createEtcdctlExecStatus, parseEtcdctlJson } from '../../src/core/source/openshift/etcdctlStatus';
import { connectOpenShift } from '../../src/core/source/openshift/connect';
import { prepareEngineOptions } from '../../src/core/source/openshift/prepare';
import { parseQuantity } from '../../src/core/source/openshift/quantity';
import { SourceError } from '../../src/core/source/types';
import { defaultProfileConfig } from '../../src/core/profiles';

const FX = join(__dirname, '..', 'fixtures', 'openshift');
const fx = (n: string) => readFileSync(join(FX, n), 'utf8');
const GOOD = 'sha256~good-token';
const FORBIDDEN = 'sha256~forbidden-token';

/** Mutable per test: which API paths exist and what each etcdctl command prints. */
const world = {
  openshift: true,
  routes: { 'thanos-querier': fx('route_thanos_querier.json'), 'prometheus-k8s': fx('route_prometheus_k8s.json') } as Record<string, string | undefined>,
  pods: fx('pods_openshift_etcd.json'),
  exec: (cmd: string[]): { stdout: string; stderr?: string; exit?: number } => {
    const key = cmd.slice(1, 3).join(' ');
    const map: Record<string, string> = {
      'endpoint status': fx('etcdctl_endpoint_status.json'),
      'endpoint health': fx('etcdctl_endpoint_health.json'),
      'member list': fx('etcdctl_member_list.json'),
      'alarm list': fx('etcdctl_alarm_list.json'),
    };
    return { stdout: map[key] ?? '' };
  },
  execCalls: [] as { pod: string; container: string; command: string[] }[],
};
const defaults = { ...world, routes: { ...world.routes } };
function reset() {
  Object.assign(world, { ...defaults, routes: { ...defaults.routes }, execCalls: [] });
}

let cert: TestCert;
let api: TestDouble;
let dir: string;

function apiAnswer(path: string): { status?: number; body?: string } {
  const route = /^\/apis\/route\.openshift\.io\/v1\/namespaces\/openshift-monitoring\/routes\/(.+)$/.exec(path);
  if (route) return world.routes[route[1]] ? { body: world.routes[route[1]] } : { status: 404, body: '{"kind":"Status","message":"routes.route.openshift.io not found","code":404}' };
  if (path.startsWith('/apis/config.openshift.io/v1') && !world.openshift) return { status: 404, body: '{"kind":"Status","code":404}' };
  const table: Record<string, string> = {
    '/apis/config.openshift.io/v1': '{"kind":"APIResourceList","groupVersion":"config.openshift.io/v1","resources":[]}',
    '/apis/config.openshift.io/v1/clusterversions/version': fx('clusterversion.json'),
    '/apis/config.openshift.io/v1/infrastructures/cluster': fx('infrastructure.json'),
    '/apis/config.openshift.io/v1/networks/cluster': fx('network.json'),
    '/api/v1/nodes': fx('nodes.json'),
    '/api/v1/namespaces/openshift-etcd/pods': world.pods,
    '/version': '{"major":"1","minor":"29","gitVersion":"v1.29.2"}',
  };
  return table[path] ? { body: table[path] } : { status: 404, body: '{"kind":"Status","code":404}' };
}

function authStatus(auth: string | undefined): number {
  if (auth === `Bearer ${GOOD}`) return 200;
  if (auth === `Bearer ${FORBIDDEN}`) return 403;
  return 401;
}

before(async () => {
  cert = makeSelfSignedCert();
  dir = mkdtempSync(join(tmpdir(), 'etcd-analyzer-kube-'));
  api = await startTestDouble((req) => {
    const a = authStatus(req.headers.authorization);
    if (a !== 200) return { status: a, body: { kind: 'Status', status: 'Failure', message: a === 401 ? 'Unauthorized' : 'pods is forbidden: User "dev" cannot list resource', code: a } };
    return apiAnswer(req.path);
  }, { key: cert.key, cert: cert.cert });
  const wss = new WebSocketServer({ noServer: true });
  api.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const a = authStatus(req.headers.authorization);
    if (a !== 200) {
      socket.end(`HTTP/1.1 ${a} ${a === 401 ? 'Unauthorized' : 'Forbidden'}\r\nContent-Type: application/json\r\n\r\n{"message":"exec refused"}`);
      return;
    }
    const u = new URL(req.url ?? '/', 'https://x');
    const m = /^\/api\/v1\/namespaces\/openshift-etcd\/pods\/([^/]+)\/exec$/.exec(u.pathname);
    if (!m) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const command = u.searchParams.getAll('command');
      world.execCalls.push({ pod: m[1], container: u.searchParams.get('container') ?? '', command });
      const r = world.exec(command);
      const frame = (ch: number, text: string) => ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(text)]));
      if (r.stdout) frame(1, r.stdout);
      if (r.stderr) frame(2, r.stderr);
      frame(3, JSON.stringify(r.exit ? { status: 'Failure', message: `command terminated with non-zero exit code: exit status ${r.exit}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(r.exit) }] } } : { metadata: {}, status: 'Success' }));
      ws.close();
    });
  });
});

after(async () => {
  await api.close();
  cert.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a kubeconfig pointing at the test double. */
function kubeconfig(opts: { token?: string; ca?: boolean; user?: object; name?: string } = {}): string {
  const file = join(dir, opts.name ?? `kc-${Math.random().toString(36).slice(2)}.yaml`);
  const user = opts.user ?? { token: opts.token ?? GOOD };
  const cluster: Record<string, unknown> = { server: api.url };
  if (opts.ca !== false) cluster['certificate-authority-data'] = cert.cert.toString('base64');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'admin',
      contexts: [
        { name: 'admin', context: { cluster: 'test', user: 'admin' } },
        { name: 'other', context: { cluster: 'test', user: 'admin' } },
      ],
      clusters: [{ name: 'test', cluster }],
      users: [{ name: 'admin', user }],
    }).replace(/^/, ''),
  );
  return file;
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
  assert.deepEqual(await discoverPrometheusUrl(kube), { url: 'https://thanos-querier-openshift-monitoring.apps.test.example', route: 'thanos-querier' });
  world.routes['thanos-querier'] = undefined;
  assert.equal((await discoverPrometheusUrl(kube)).route, 'prometheus-k8s');
  world.routes['prometheus-k8s'] = undefined;
  const e = await sourceError(discoverPrometheusUrl(kube));
  assert.equal(e.kind, 'unavailable');
  assert.match(e.message, /no thanos-querier or prometheus-k8s route/);
  assert.match(e.hint, /--prometheus/);
  kube.close();
});

test('cluster info on OpenShift: version, platform, network type, nodes by role with capacity', async () => {
  reset();
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  assert.equal(info.kind, 'openshift');
  assert.equal(info.version, '4.14.12');
  assert.equal(info.platform, 'AWS');
  assert.equal(info.networkType, 'OVNKubernetes');
  assert.equal(info.nodes.length, 4);
  const m0 = info.nodes.find((n) => n.name === 'master-0')!;
  assert.deepEqual(m0.roles, ['control-plane', 'master']);
  assert.equal(m0.cpuCores, 4);
  assert.equal(m0.memoryBytes, 16393892 * 1024);
  assert.equal(info.nodes.find((n) => n.name === 'master-2')!.ready, false);
  assert.deepEqual(info.nodes.find((n) => n.name === 'worker-0')!.roles, ['worker']);
});

test('cluster info on plain Kubernetes: server version and nodes', async () => {
  reset();
  world.openshift = false;
  const info = await createKubeClusterApi(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).clusterInfo();
  assert.equal(info.kind, 'kubernetes');
  assert.equal(info.version, 'v1.29.2');
  assert.equal(info.platform, undefined);
  assert.equal(info.nodes.length, 4);
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

test('cluster status via etcdctl exec in a ready etcd pod: members, leader, hex ids', async () => {
  reset();
  const s = await createEtcdctlExecStatus(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).status();
  assert.deepEqual(s.members.map((m) => m.name), ['m1', 'm3', 'm2']);
  assert.ok(s.members.every((m) => m.healthy && m.version === '3.4.23'));
  assert.equal(s.leaderName, 'm1');
  assert.equal(s.leaderId, '2b7701c29b29d5ce');
  assert.equal(s.members.find((m) => m.name === 'm2')!.id, '99af5d505428a56a', 'uint64 id beyond 2^53 kept exact');
  assert.equal(s.members.filter((m) => m.isLeader).length, 1);
  assert.equal(world.execCalls.length, 4);
  assert.ok(world.execCalls.every((c) => c.pod === 'etcd-master-0' && c.container === 'etcdctl'), 'a Ready pod is chosen');
  assert.deepEqual(world.execCalls.map((c) => c.command.join(' ')).sort(), [
    'etcdctl alarm list -w json',
    'etcdctl endpoint health --cluster -w json',
    'etcdctl endpoint status --cluster -w json',
    'etcdctl member list -w json',
  ]);
});

test('one member down: unhealthy with the error, others still reported; alarms named', async () => {
  reset();
  const st = JSON.parse(fx('etcdctl_endpoint_status.json').replace(/(\d{16,})/g, '"$1"')) as { Endpoint: string }[];
  const downStatus = JSON.stringify(st.filter((x) => !x.Endpoint.includes('22379'))).replace(/"(\d{16,})"/g, '$1');
  world.exec = (cmd) => {
    const key = cmd.slice(1, 3).join(' ');
    if (key === 'endpoint status') return { stdout: downStatus, stderr: 'Failed to get the status of endpoint http://127.0.0.1:22379 (context deadline exceeded)\n', exit: 1 };
    if (key === 'endpoint health') {
      return {
        stdout: '[{"endpoint":"http://127.0.0.1:2379","health":true,"took":"2ms"},{"endpoint":"http://127.0.0.1:32379","health":true,"took":"3ms"},{"endpoint":"http://127.0.0.1:22379","health":false,"took":"5s","error":"context deadline exceeded"}]',
        stderr: 'Error: unhealthy cluster\n',
        exit: 1,
      };
    }
    if (key === 'member list') return { stdout: fx('etcdctl_member_list.json') };
    return { stdout: '{"header":{"cluster_id":6586941686864715121},"alarms":[{"memberID":7734841166225146849,"alarm":1}]}' };
  };
  const s = await createEtcdctlExecStatus(createKubeClient(loadKubeTarget({ kubeconfig: kubeconfig() }))).status();
  const m2 = s.members.find((m) => m.name === 'm2')!;
  assert.equal(m2.healthy, false);
  assert.match(m2.error ?? '', /context deadline exceeded/);
  assert.equal(s.members.filter((m) => m.healthy).length, 2);
  assert.deepEqual(s.alarms, [{ memberId: '6b57ad0f4aeb03e1', member: 'm3', alarm: 'NOSPACE' }]);
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
