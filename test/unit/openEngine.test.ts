// openEngine is the one way every face opens the engine: each configuration mistake comes back as one
// EngineConfigError value naming what failed, and a good configuration gives per-run contexts over one source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openEngine } from '../../src/core/engine/openEngine';
import { EngineConfigError } from '../../src/core/engine/engineError';
import { defaultProfileConfig } from '../../src/core/profiles';
import { silentLogger } from '../../src/core/util/log';
import { PROJECT_ROOT, sourceFiles } from '../helpers/sourceFiles';

const quiet = { log: silentLogger, env: {} as NodeJS.ProcessEnv };

test('flags: one source shared by every run, a fresh collector per run', async () => {
  const opened = await openEngine({ ...quiet, from: { flags: { prometheus: 'http://127.0.0.1:9' } } });
  assert.ok(opened.ok);
  const a = opened.engine.context();
  const b = opened.engine.context();
  assert.equal(a.source, b.source, 'one source: its concurrency cap holds across runs');
  assert.notEqual(a.collector, b.collector, 'per-run de-duplication');
  assert.match(opened.engine.description, /http:\/\/127\.0\.0\.1:9/);
  await opened.engine.close();
});

test('a malformed selector, an unknown profile and bad thresholds JSON are usage errors naming what failed', async () => {
  const selector = await openEngine({ ...quiet, from: { flags: { prometheus: 'http://127.0.0.1:9', etcdSelector: 'job="etcd' } } });
  assert.ok(!selector.ok && selector.error instanceof EngineConfigError);
  assert.equal(selector.error.kind, 'usage');
  assert.match(selector.error.message, /selector/i);

  const profile = await openEngine({ ...quiet, from: { flags: { prometheus: 'http://127.0.0.1:9', profile: 'kubernetes' } } });
  assert.ok(!profile.ok);
  assert.equal(profile.error.kind, 'usage');
  assert.match(profile.error.message, /kubernetes/);

  const dir = mkdtempSync(join(tmpdir(), 'open-engine-'));
  try {
    const file = join(dir, 't.json');
    writeFileSync(file, '{ not json');
    const thresholds = await openEngine({ ...quiet, from: { flags: { prometheus: 'http://127.0.0.1:9' }, thresholdsFile: file } });
    assert.ok(!thresholds.ok);
    assert.equal(thresholds.error.kind, 'usage');
    assert.match(thresholds.error.message, /--thresholds .*not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openshift with no usable kubeconfig and no Prometheus URL: an error value, not an exception', async () => {
  const opened = await openEngine({
    ...quiet,
    from: { options: { profile: { ...defaultProfileConfig(''), profile: 'openshift', kubeconfig: join(tmpdir(), 'no-such-kubeconfig-here') } } },
  });
  assert.ok(!opened.ok);
  assert.ok(opened.error.message.length > 0 && opened.error.hint.length > 0, `${opened.error.message} — ${opened.error.hint}`);
});

test('the extension hands its own history store in; the engine does not close what it did not open', async () => {
  let closed = 0;
  const history = { close: async () => void closed++ } as unknown as import('../../src/core/history/port').HistoryPort;
  const opened = await openEngine({ ...quiet, from: { options: { profile: defaultProfileConfig('http://127.0.0.1:9'), history } } });
  assert.ok(opened.ok);
  assert.equal(opened.engine.context().history, history);
  await opened.engine.close();
  assert.equal(closed, 0);
});

test('no face builds the engine itself: createContext and the OpenShift preparation are called only by openEngine', () => {
  const offenders: string[] = [];
  for (const dir of ['src/extension', 'src/mcp', 'src/cli']) {
    for (const file of sourceFiles(dir, /\.ts$/)) {
      if (/(createContext|prepareEngineOptions)\(/.test(readFileSync(file, 'utf8'))) offenders.push(relative(PROJECT_ROOT, file));
    }
  }
  assert.deepEqual(offenders, []);
});
