import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdsProblem } from '../../src/core/analysis/thresholdsSchema';
import { mcpServerEnv } from '../../src/extension/mcpEnv';
import type { Settings } from '../../src/extension/settings';

const base: Settings = {
  profile: 'generic',
  prometheusUrl: 'http://127.0.0.1:9090',
  etcdSelector: 'job="etcd"',
  nodeSelector: 'job="node"',
  memberToNode: {},
  etcdEndpoints: ['http://127.0.0.1:2379', 'http://127.0.0.1:22379'],
  kubeconfig: '',
  kubeContext: '',
  tlsCaFile: '',
  tlsInsecureSkipVerify: false,
  defaultDuration: '1h',
  refreshIntervalSeconds: 60,
  thresholds: {},
  lmProvider: 'vscode',
  lmBaseUrl: '',
  lmModel: '',
  historyEnabled: true,
  historyRetentionDays: 30,
  historyMaxSizeMB: 50,
};

test('settings become ETCD_ANALYZER_* variables the server resolves; Electron runs as node', () => {
  const env = mcpServerEnv(base, '/tmp/h.sqlite');
  assert.equal(env.ELECTRON_RUN_AS_NODE, '1');
  assert.equal(env.ETCD_ANALYZER_PROMETHEUS_URL, 'http://127.0.0.1:9090');
  assert.equal(env.ETCD_ANALYZER_PROFILE, 'generic');
  assert.equal(env.ETCD_ANALYZER_ETCD_SELECTOR, 'job="etcd"');
  assert.equal(env.ETCD_ANALYZER_ETCD_ENDPOINTS, 'http://127.0.0.1:2379,http://127.0.0.1:22379');
  assert.equal(env.ETCD_ANALYZER_HISTORY, '/tmp/h.sqlite');
  assert.equal(env.ETCD_ANALYZER_CA_FILE, null);
  assert.equal(env.ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY, null);
});

test('no secrets in the definition: inherited token variables are removed (null)', () => {
  const env = mcpServerEnv({ ...base, tlsInsecureSkipVerify: true, tlsCaFile: '/ca.pem' }, undefined);
  assert.equal(env.ETCD_ANALYZER_TOKEN, null);
  assert.equal(env.ETCD_ANALYZER_TOKEN_FILE, null);
  assert.equal(env.ETCD_ANALYZER_HISTORY, null);
  assert.equal(env.ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY, '1');
  assert.equal(env.ETCD_ANALYZER_CA_FILE, '/ca.pem');
});

test('history limits, threshold overrides and the report folder reach the server; empty overrides are unset', () => {
  const env = mcpServerEnv({ ...base, historyRetentionDays: 7, historyMaxSizeMB: 20, thresholds: { walFsyncP99Seconds: { warning: 0.02 } } }, '/tmp/h.sqlite', '/tmp/reports');
  assert.equal(env.ETCD_ANALYZER_HISTORY_RETENTION_DAYS, '7');
  assert.equal(env.ETCD_ANALYZER_HISTORY_MAX_MB, '20');
  assert.deepEqual(JSON.parse(env.ETCD_ANALYZER_THRESHOLDS!), { walFsyncP99Seconds: { warning: 0.02 } });
  assert.equal(env.ETCD_ANALYZER_REPORT_DIR, '/tmp/reports');
  const plain = mcpServerEnv(base, undefined);
  assert.equal(plain.ETCD_ANALYZER_THRESHOLDS, null);
  assert.equal(plain.ETCD_ANALYZER_REPORT_DIR, null);
});

test('invalid threshold overrides are left out (the server would refuse to start); the validator runs only when there are overrides', () => {
  const bad = { walFsyncP99Seconds: { warning: -1 } };
  assert.equal(mcpServerEnv({ ...base, thresholds: bad }, undefined, undefined, thresholdsProblem).ETCD_ANALYZER_THRESHOLDS, null);
  const good = { walFsyncP99Seconds: { warning: 0.02 } };
  assert.deepEqual(JSON.parse(mcpServerEnv({ ...base, thresholds: good }, undefined, undefined, thresholdsProblem).ETCD_ANALYZER_THRESHOLDS!), good);
  let calls = 0;
  mcpServerEnv(base, undefined, undefined, () => (calls++, undefined));
  assert.equal(calls, 0);
});
