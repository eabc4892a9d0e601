// deploy/ stays in step with the code: the Deployment's arguments parse as `serve` flags, the token and CA come from
// the variables the server reads, the Service port is the port the server checks in Host, the binding names the
// cluster-monitoring-view role for the ServiceAccount the pod runs as.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parseServeArgs } from '../../src/serve/args';
import { SERVE_TOKEN_ENV } from '../../src/serve/server';
import { ENV } from '../../src/core/config/connection';
import { REPO_ROOT } from '../helpers/mcpServerProcess';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: any; subjects?: any[]; roleRef?: any };
const DIR = join(REPO_ROOT, 'deploy');
const docs: Obj[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => load(readFileSync(join(DIR, f), 'utf8')) as Obj);
const byKind = (k: string) => docs.find((d) => d.kind === k)!;

describe('deploy/ manifests', () => {
  it('has the Deployment, ServiceAccount, cluster-monitoring-view binding and Service', () => {
    for (const k of ['Namespace', 'Deployment', 'ServiceAccount', 'ClusterRoleBinding', 'Service', 'Secret']) assert.ok(byKind(k), k);
    const crb = byKind('ClusterRoleBinding');
    assert.equal(crb.roleRef.name, 'cluster-monitoring-view');
    assert.deepEqual(crb.subjects, [{ kind: 'ServiceAccount', name: 'etcd-analyzer', namespace: 'etcd-analyzer' }]);
  });

  it('the container arguments are valid serve flags: a token is required for the pod IP, and the env supplies it', () => {
    const pod = byKind('Deployment').spec.template.spec;
    assert.equal(pod.serviceAccountName, byKind('ServiceAccount').metadata.name);
    const c = pod.containers[0];
    assert.deepEqual(c.command, ['etcd-analyzer', 'serve']);
    const args = parseServeArgs(c.args.map((a: string) => a.replace('$(POD_IP)', '10.128.0.7')));
    assert.equal(args.host, '10.128.0.7');
    assert.equal(args.connection.profile, 'openshift');
    assert.equal(args.everySeconds, 300);
    const env = Object.fromEntries(c.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
    assert.ok(env[SERVE_TOKEN_ENV], 'the serve token comes from the Secret');
    assert.match(String(env[ENV.url]), /^https:\/\/thanos-querier\.openshift-monitoring\.svc:9091$/);
    assert.match(String(env[ENV.caFile]), /service-ca\.crt$/, 'the service CA signs the Thanos Service certificate');
    const svc = byKind('Service');
    assert.equal(svc.spec.ports[0].port, args.port, 'the Service port is the port in the Host header the server checks');
    for (const h of args.allowHosts) assert.match(h, /^etcd-analyzer\.etcd-analyzer\.svc/);
  });
});
