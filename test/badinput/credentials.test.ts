// No credential typed into a Prometheus URL (user:password@ or ?token=) appears in anything a run writes: stdout,
// stderr, report files (names and contents), history rows. The URL still works (Basic auth is sent) and the user
// gets one hint to use a token file instead. Error texts echoing credentials are redacted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, tempDir } from './harness';
import { redactSecrets, redactUrl } from '../../src/core/util/redact';
import { httpError } from '../../src/core/source/errors';

const USER = 'alice-user-77';
const PASS = 'S3cr3t-pass-word-91';
const TOKEN = 'qtoken-5555-abcdef';
let prom: FakePrometheus;
const tmp = tempDir('etcd-badinput-creds-');

before(async () => {
  prom = await startFakePrometheus();
});
after(async () => {
  await prom?.close();
  tmp.remove();
});

/** Every file under dir (names and bytes), recursively. */
function everything(dir: string): { names: string[]; bytes: string } {
  const names: string[] = [];
  let bytes = '';
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      names.push(p);
      if (statSync(p).isDirectory()) walk(p);
      else bytes += readFileSync(p).toString('latin1');
    }
  };
  walk(dir);
  return { names, bytes };
}

function assertClean(where: string, text: string): void {
  for (const secret of [PASS, TOKEN, encodeURIComponent(PASS), Buffer.from(`${USER}:${PASS}`).toString('base64')]) {
    assert.ok(!text.includes(secret), `${where} contains a credential`);
  }
}

describe('credentials in the Prometheus URL', () => {
  test('report + history with user:password@ and ?token=: nothing written carries them, Basic auth is sent, one hint', async () => {
    const out = join(tmp.dir, 'out1');
    const url = prom.url.replace('http://', `http://${USER}:${PASS}@`) + `/?token=${TOKEN}`;
    const seen = prom.authorizations.length;
    const r = await cli(['report', '--prometheus', url, '--etcd-selector', 'job="etcd"', '--node-selector', 'job="node"', '--duration', '15m', '--out', out, '--history', join(tmp.dir, 'out1', 'history.sqlite')]);
    assert.equal(r.code, 0, r.stderr);
    assertClean('stdout', r.stdout);
    assertClean('stderr', r.stderr);
    const files = everything(out);
    assert.ok(files.names.some((n) => n.endsWith('.html')) && files.names.some((n) => n.endsWith('.sqlite')), files.names.join(', '));
    assertClean('file names', files.names.join('\n'));
    assert.ok(!files.names.join('\n').includes(USER), 'no user name in file names');
    assertClean('files written', files.bytes);
    assert.equal((r.stderr.match(/carries credentials/g) ?? []).length, 1, r.stderr);
    const sent = prom.authorizations.slice(seen);
    assert.ok(sent.length > 0 && sent.every((a) => a === `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`), 'Basic auth sent on every request');
  });

  test('an invalid URL with a password is not echoed', async () => {
    const r = await cli(['run', 'get_etcd_disk_wal_fsync', '--prometheus', `http://${USER}:${PASS}@bad host:9090`]);
    assert.equal(r.code, 2, r.stderr);
    assertClean('stderr', r.stderr);
    assert.match(r.stderr, /is not a URL/);
  });

  test('a Prometheus 401 echoing Basic credentials is redacted', async () => {
    prom.set({ kind: 'status', status: 401, contentType: 'application/json', body: JSON.stringify({ status: 'error', errorType: 'unauthorized', error: `bad Authorization: Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')} for ${PASS}` }) });
    try {
      const r = await cli(['run', 'get_etcd_disk_wal_fsync', '--prometheus', prom.url.replace('http://', `http://${USER}:${PASS}@`)]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /401/);
      assertClean('stderr', r.stderr);
    } finally {
      prom.set({ kind: 'none' });
    }
  });
});

describe('redaction rules', () => {
  const cases: [string, string][] = [
    ['http://u:p@h:9090', 'http://h:9090'],
    ['https://user@h/prom', 'https://h/prom'],
    ['http://h:9090/?token=abc&x=1', 'http://h:9090/?token=***&x=1'],
    ['http://h/?access_token=abc#f', 'http://h/?access_token=***#f'],
    ['http://h/?X-Amz-Signature=abc&api_key=k', 'http://h/?X-Amz-Signature=***&api_key=***'],
    ['http://127.0.0.1:9090', 'http://127.0.0.1:9090'],
    ['http://h/p?query=up', 'http://h/p?query=up'],
  ];
  for (const [input, want] of cases) test(`redactUrl ${input}`, () => assert.equal(redactUrl(input), want));
  test('redactSecrets: Bearer, Basic, Authorization headers, URLs in text', () => {
    assert.equal(redactSecrets('Bearer abcdef123'), 'Bearer ***');
    assert.equal(redactSecrets('got Basic YWxpY2U6c2VjcmV0 here'), 'got Basic *** here');
    assert.equal(redactSecrets('see http://a:b@h:1/x?token=zz&q=1'), 'see http://***@h:1/x?token=***&q=1');
    assert.equal(redactSecrets('Authorization: Bearer xyz123'), 'Authorization: ***');
  });
  test('httpError redacts a Basic value in the server text', () => {
    const e = httpError(401, 'denied Basic YWxpY2U6c2VjcmV0', 'up', 'http://h', false, 1);
    assert.ok(!e.message.includes('YWxpY2U6c2VjcmV0'), e.message);
  });
});

describe('MCP server with credentials in its Prometheus URL', () => {
  test('stdio: report tool + history — nothing written or logged carries them; a /dev/null report folder is refused', async () => {
    const { startStdioFace, textOf, structuredOf } = await import('./harness');
    const dir = join(tmp.dir, 'mcp');
    const url = prom.url.replace('http://', `http://${USER}:${PASS}@`) + `/?token=${TOKEN}`;
    prom.set({ kind: 'none' });
    const face = await startStdioFace({
      ETCD_ANALYZER_PROMETHEUS_URL: url,
      ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"',
      ETCD_ANALYZER_NODE_SELECTOR: 'job="node"',
      ETCD_ANALYZER_HISTORY: join(dir, 'history.sqlite'),
      ETCD_ANALYZER_REPORT_DIR: join(dir, 'reports'),
      ETCD_ANALYZER_LOG_LEVEL: 'debug',
    });
    try {
      const r = await face.call('generate_etcd_performance_report', { duration: '15m' });
      assert.notEqual(r.isError, true, textOf(r));
      assertClean('tool text', textOf(r));
      assertClean('structured content', JSON.stringify(r.structuredContent));
      const wal = await face.call('get_etcd_disk_wal_fsync', { duration: '15m' });
      assertClean('tool text', textOf(wal));
      assert.match(face.stderr(), /carries credentials/);
      assertClean('server log', face.stderr());
      assert.ok(structuredOf(r).status !== 'failed');
    } finally {
      await face.close();
    }
    const files = everything(dir);
    assert.ok(files.names.some((n) => n.endsWith('.html')), files.names.join(', '));
    assertClean('file names', files.names.join('\n'));
    assertClean('files written', files.bytes);
  });

  test('stdio: ETCD_ANALYZER_REPORT_DIR=/dev/null: the report is returned, saving is refused, /dev/null untouched', async () => {
    const { startStdioFace, textOf, structuredOf } = await import('./harness');
    const before = statSync('/dev/null');
    const face = await startStdioFace({ ETCD_ANALYZER_PROMETHEUS_URL: prom.url, ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"', ETCD_ANALYZER_NODE_SELECTOR: 'job="node"', ETCD_ANALYZER_REPORT_DIR: '/dev/null' });
    try {
      const r = await face.call('generate_etcd_performance_report', { duration: '15m' });
      assert.equal(structuredOf(r).status, 'partial', textOf(r).slice(0, 500));
      assert.ok(structuredOf(r).errors?.some((e) => /report folder \/dev\/null is a character device/.test(e.message)), JSON.stringify(structuredOf(r).errors));
    } finally {
      await face.close();
    }
    const after = statSync('/dev/null');
    assert.ok(after.isCharacterDevice());
    assert.equal(after.rdev, before.rdev);
  });
});
