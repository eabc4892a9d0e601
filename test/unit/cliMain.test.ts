// The CLI entry in-process (no network): dispatch, help, usage errors as one stderr line with exit code 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

async function call(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

test('--help prints usage with the exit codes, exit 0', async () => {
  const r = await call(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Exit codes: 0 ok · 1 findings/);
});

test('list --format json has every registered tool with its input schema', async () => {
  const r = await call(['list', '--format', 'json']);
  assert.equal(r.code, 0);
  const tools = JSON.parse(r.stdout) as { name: string }[];
  assert.ok(tools.some((t) => t.name === 'get_etcd_bottleneck_analysis'));
});

test('usage errors: one stderr line, exit 2, nothing on stdout', async () => {
  for (const argv of [['rnu'], ['run', 'nope_tool', '--prometheus', 'http://127.0.0.1:1'], ['run', 'get_etcd_disk_wal_fsync', '--duration', '5x']]) {
    const r = await call(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^etcd-analyzer: /);
  }
});

test('missing Prometheus URL is a usage error naming the flag and the variable', async () => {
  const r = await call(['run', 'get_etcd_disk_wal_fsync']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--prometheus .* ETCD_ANALYZER_PROMETHEUS_URL/);
});

test('unknown profile from the environment is a usage error', async () => {
  const r = await call(['run', 'get_etcd_disk_wal_fsync'], { ETCD_ANALYZER_PROMETHEUS_URL: 'http://127.0.0.1:1', ETCD_ANALYZER_PROFILE: 'k8s' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown profile "k8s"/);
});
