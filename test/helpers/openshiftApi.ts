// TEST DOUBLE of the Kubernetes/OpenShift API on 127.0.0.1 (HTTPS, a self-signed certificate generated at test
// time): answers the GETs the openshift profile makes from a mutable `world` (real objects, see
// openshiftFixtures.ts) and the pod exec call over WebSocket (channel protocol v4) from `world.exec`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { startTestDouble, type TestDouble } from './httpTestDouble';
import type { TestCert } from './selfSignedCert';

export interface ExecReply {
  stdout: string;
  stderr?: string;
  exit?: number;
}

export interface OpenShiftApiWorld {
  openshift: boolean;
  routes: Record<string, string | undefined>;
  clusterVersion: string;
  infrastructure: string;
  network: string;
  nodes: string;
  pods: string;
  exec: (cmd: string[], pod: string) => ExecReply | Promise<ExecReply>;
  execCalls: { pod: string; container: string; command: string[] }[];
}

export const GOOD_TOKEN = 'sha256~good-token';
export const FORBIDDEN_TOKEN = 'sha256~forbidden-token';

function authStatus(auth: string | undefined): number {
  if (auth === `Bearer ${GOOD_TOKEN}`) return 200;
  if (auth === `Bearer ${FORBIDDEN_TOKEN}`) return 403;
  return 401;
}

function apiAnswer(world: OpenShiftApiWorld, path: string): { status?: number; body?: string } {
  const route = /^\/apis\/route\.openshift\.io\/v1\/namespaces\/openshift-monitoring\/routes\/(.+)$/.exec(path);
  if (route) return world.routes[route[1]] ? { body: world.routes[route[1]] } : { status: 404, body: '{"kind":"Status","message":"routes.route.openshift.io not found","code":404}' };
  if (path.startsWith('/apis/config.openshift.io/v1') && !world.openshift) return { status: 404, body: '{"kind":"Status","code":404}' };
  const table: Record<string, string> = {
    '/apis/config.openshift.io/v1': '{"kind":"APIResourceList","groupVersion":"config.openshift.io/v1","resources":[]}',
    '/apis/config.openshift.io/v1/clusterversions/version': world.clusterVersion,
    '/apis/config.openshift.io/v1/infrastructures/cluster': world.infrastructure,
    '/apis/config.openshift.io/v1/networks/cluster': world.network,
    '/api/v1/nodes': world.nodes,
    '/api/v1/namespaces/openshift-etcd/pods': world.pods,
    '/version': '{"major":"1","minor":"29","gitVersion":"v1.29.2"}',
  };
  return table[path] ? { body: table[path] } : { status: 404, body: '{"kind":"Status","code":404}' };
}

export interface OpenShiftApi {
  url: string;
  double: TestDouble;
  /** Writes a kubeconfig (JSON is YAML) pointing at the double into `dir`. */
  kubeconfig(dir: string, opts?: { token?: string; ca?: boolean; user?: object; name?: string }): string;
  close(): Promise<void>;
}

export async function startOpenShiftApi(world: OpenShiftApiWorld, cert: TestCert): Promise<OpenShiftApi> {
  const api = await startTestDouble((req) => {
    const a = authStatus(req.headers.authorization);
    if (a !== 200) return { status: a, body: { kind: 'Status', status: 'Failure', message: a === 401 ? 'Unauthorized' : 'pods is forbidden: User "dev" cannot list resource', code: a } };
    return apiAnswer(world, req.path);
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
    wss.handleUpgrade(req, socket, head, async (ws) => {
      const command = u.searchParams.getAll('command');
      const pod = decodeURIComponent(m[1]);
      world.execCalls.push({ pod, container: u.searchParams.get('container') ?? '', command });
      const r = await world.exec(command, pod);
      const frame = (ch: number, text: string) => ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(text)]));
      if (r.stdout) frame(1, r.stdout);
      if (r.stderr) frame(2, r.stderr);
      frame(3, JSON.stringify(r.exit ? { status: 'Failure', message: `command terminated with non-zero exit code: exit status ${r.exit}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(r.exit) }] } } : { metadata: {}, status: 'Success' }));
      ws.close();
    });
  });
  return {
    url: api.url,
    double: api,
    kubeconfig(dir, opts = {}) {
      const file = join(dir, opts.name ?? `kc-${Math.random().toString(36).slice(2)}.yaml`);
      const user = opts.user ?? { token: opts.token ?? GOOD_TOKEN };
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
        }),
      );
      return file;
    },
    async close() {
      wss.close();
      await api.close();
    },
  };
}
