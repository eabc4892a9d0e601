import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMcpArgs, UsageError } from '../../src/mcp/args';
import { resolveMcpToken } from '../../src/mcp/mcpToken';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('defaults: stdio, 127.0.0.1:8001', () => {
  const a = parseMcpArgs([]);
  assert.equal(a.http, false);
  assert.equal(a.host, '127.0.0.1');
  assert.equal(a.port, 8001);
});

test('http flags and connection flags are read', () => {
  const a = parseMcpArgs(['--http', '--port', '0', '--host', 'localhost', '--prometheus', 'http://127.0.0.1:9090', '--etcd-endpoints', 'a:1,b:2', '--insecure-skip-tls-verify']);
  assert.equal(a.http, true);
  assert.equal(a.port, 0);
  assert.equal(a.host, 'localhost');
  assert.equal(a.connection.prometheus, 'http://127.0.0.1:9090');
  assert.equal(a.connection.etcdEndpoints, 'a:1,b:2');
  assert.equal(a.connection.insecureSkipTlsVerify, true);
});

test('token flags are refused with a message that points at files/env, without echoing the value', () => {
  for (const argv of [['--token', 'abc'], ['--mcp-token=abc'], ['--http', '--bearer-token', 'abc']]) {
    assert.throws(() => parseMcpArgs(argv), (e: Error) => e instanceof UsageError && /ps/.test(e.message) && !/abc/.test(e.message));
  }
});

test('bad port, unknown flag, and http-only flags without --http are usage errors naming the flag', () => {
  assert.throws(() => parseMcpArgs(['--http', '--port', 'banana']), /--port "banana"/);
  assert.throws(() => parseMcpArgs(['--http', '--port', '70000']), /--port/);
  assert.throws(() => parseMcpArgs(['--frobnicate']), /frobnicate/);
  assert.throws(() => parseMcpArgs(['--port', '9000']), /only apply with --http/);
});

test('MCP token: file wins over env; empty file is an error; env trimmed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-token-'));
  try {
    const f = join(dir, 't');
    writeFileSync(f, ' fromfile \n');
    assert.equal(resolveMcpToken(f, { ETCD_ANALYZER_MCP_TOKEN: 'fromenv' }), 'fromfile');
    assert.equal(resolveMcpToken(undefined, { ETCD_ANALYZER_MCP_TOKEN: ' fromenv ' }), 'fromenv');
    assert.equal(resolveMcpToken(undefined, {}), undefined);
    writeFileSync(f, '\n');
    assert.throws(() => resolveMcpToken(f, {}), /empty/);
    assert.throws(() => resolveMcpToken(join(dir, 'missing'), {}), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
