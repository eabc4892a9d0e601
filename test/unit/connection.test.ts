import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError, resolveConnection, splitEndpoints } from '../../src/core/config/connection';

const dir = mkdtempSync(join(tmpdir(), 'conn-test-'));
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, '  file-token\n');
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, 'not really a cert');
after(() => rmSync(dir, { recursive: true, force: true }));

test('flags override environment variables', () => {
  const c = resolveConnection(
    { prometheus: 'http://flag:9090', etcdSelector: 'job="e"', etcdEndpoints: '127.0.0.1:2379, https://h:2379' },
    {
      ETCD_ANALYZER_PROMETHEUS_URL: 'http://env:9090',
      ETCD_ANALYZER_ETCD_SELECTOR: 'job="from-env"',
      ETCD_ANALYZER_NODE_SELECTOR: 'job="n"',
      ETCD_ANALYZER_ETCD_ENDPOINTS: 'http://env:2379',
    },
  );
  assert.equal(c.profile.prometheusUrl, 'http://flag:9090');
  assert.equal(c.profile.etcdSelector, 'job="e"');
  assert.equal(c.profile.nodeSelector, 'job="n"');
  assert.deepEqual(c.profile.etcdEndpoints, ['http://127.0.0.1:2379', 'https://h:2379']);
  assert.equal(c.profile.profile, 'generic');
  assert.equal(c.tls, undefined);
  assert.equal(c.token, undefined);
});

test('environment alone is enough; defaults fill the selectors', () => {
  const c = resolveConnection({}, { ETCD_ANALYZER_PROMETHEUS_URL: 'https://prom:9090', ETCD_ANALYZER_TOKEN: 'env-token', ETCD_ANALYZER_HISTORY: '/tmp/h.db' });
  assert.equal(c.profile.prometheusUrl, 'https://prom:9090');
  assert.equal(c.profile.etcdSelector, 'job=~".*etcd.*"');
  assert.equal(c.token, 'env-token');
  assert.equal(c.historyFile, '/tmp/h.db');
  assert.equal(c.profile.etcdEndpoints, undefined);
});

test('token file is read and trimmed, and wins over ETCD_ANALYZER_TOKEN', () => {
  const c = resolveConnection({ prometheus: 'http://p:9090', tokenFile }, { ETCD_ANALYZER_TOKEN: 'env-token' });
  assert.equal(c.token, 'file-token');
  const e = resolveConnection({ prometheus: 'http://p:9090' }, { ETCD_ANALYZER_TOKEN_FILE: tokenFile });
  assert.equal(e.token, 'file-token');
});

test('TLS: CA file and the explicit insecure opt-in (flag or env = 1)', () => {
  assert.deepEqual(resolveConnection({ prometheus: 'https://p', caFile }, {}).tls, { caFile });
  assert.deepEqual(resolveConnection({ prometheus: 'https://p', insecureSkipTlsVerify: true }, {}).tls, { insecureSkipVerify: true });
  assert.deepEqual(resolveConnection({ prometheus: 'https://p' }, { ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY: '1' }).tls, { insecureSkipVerify: true });
  assert.equal(resolveConnection({ prometheus: 'https://p' }, { ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY: '0' }).tls, undefined);
});

test('clear errors: unknown profile, missing URL, bad URL, unreadable token file, empty token file, missing CA', () => {
  const cases: [Parameters<typeof resolveConnection>[0], NodeJS.ProcessEnv, RegExp][] = [
    [{ prometheus: 'http://p', profile: 'k8s' }, {}, /unknown profile "k8s": use one of generic, openshift/],
    [{}, { ETCD_ANALYZER_PROFILE: 'nope', ETCD_ANALYZER_PROMETHEUS_URL: 'http://p' }, /unknown profile "nope"/],
    [{}, {}, /no Prometheus URL: pass --prometheus .* or set ETCD_ANALYZER_PROMETHEUS_URL/],
    [{ prometheus: 'localhost 9090' }, {}, /is not a URL/],
    [{ prometheus: 'ftp://p' }, {}, /must use http or https/],
    [{ prometheus: 'http://p', tokenFile: join(dir, 'missing') }, {}, /cannot read token file .*missing \(ENOENT\)/],
    [{ prometheus: 'http://p', caFile: join(dir, 'nope.pem') }, {}, /CA file .* does not exist/],
  ];
  for (const [flags, env, re] of cases) {
    assert.throws(() => resolveConnection(flags, env), (err: unknown) => err instanceof ConnectionError && re.test(err.message));
  }
  const empty = join(dir, 'empty');
  writeFileSync(empty, '\n');
  assert.throws(() => resolveConnection({ prometheus: 'http://p', tokenFile: empty }, {}), /token file .* is empty/);
});

test('openshift profile may omit the URL (discovered from the kubeconfig)', () => {
  const c = resolveConnection({ profile: 'openshift' }, { KUBECONFIG: '/k/config' });
  assert.equal(c.profile.profile, 'openshift');
  assert.equal(c.profile.kubeconfig, '/k/config');
  assert.notEqual(c.profile.etcdSelector, 'job=~".*etcd.*"');
});

test('splitEndpoints accepts etcdctl-style host:port and arrays', () => {
  assert.deepEqual(splitEndpoints(' a:1 ,,http://b:2 '), ['http://a:1', 'http://b:2']);
  assert.deepEqual(splitEndpoints(['https://c:3']), ['https://c:3']);
  assert.deepEqual(splitEndpoints(undefined), []);
});
