import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../../src/core/config/connection';
import { readThresholdsInput } from '../../src/core/config/thresholdsInput';
import { openHistoryFile } from '../../src/core/config/historyFile';
import { silentLogger } from '../../src/core/util/log';

test('thresholds: the file wins, else ETCD_ANALYZER_THRESHOLDS inline JSON, else none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'etcd-thr-'));
  try {
    const file = join(dir, 't.json');
    writeFileSync(file, '{"cpuPercent": {"warning": 50}}');
    const env = { ETCD_ANALYZER_THRESHOLDS: '{"cpuPercent": {"warning": 60}}' };
    assert.deepEqual(readThresholdsInput(file, env), { cpuPercent: { warning: 50 } });
    assert.deepEqual(readThresholdsInput(undefined, env), { cpuPercent: { warning: 60 } });
    assert.equal(readThresholdsInput(undefined, { ETCD_ANALYZER_THRESHOLDS: '  ' }), undefined);
    assert.throws(() => readThresholdsInput(join(dir, 'missing.json'), {}), (e: Error) => e instanceof ConnectionError && /--thresholds .*cannot read \(ENOENT\)/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('thresholds: malformed ETCD_ANALYZER_THRESHOLDS is a configuration error naming the variable', () => {
  assert.throws(() => readThresholdsInput(undefined, { ETCD_ANALYZER_THRESHOLDS: '{cpu' }), (e: Error) => e instanceof ConnectionError && /^ETCD_ANALYZER_THRESHOLDS: not valid JSON/.test(e.message));
});

test('history file: a bad retention variable is named in a warning and the store still opens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'etcd-hist-'));
  const warnings: string[] = [];
  try {
    const store = await openHistoryFile(join(dir, 'h.sqlite'), { ETCD_ANALYZER_HISTORY_RETENTION_DAYS: 'ten', ETCD_ANALYZER_HISTORY_MAX_MB: '5' }, { ...silentLogger, warn: (m) => warnings.push(m) });
    assert.ok(store, 'store opened');
    await store.close();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /ETCD_ANALYZER_HISTORY_RETENTION_DAYS="ten" is not a positive number/);
    assert.equal(await openHistoryFile(undefined, {}, silentLogger), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
