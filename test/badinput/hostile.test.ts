// Hostile label values from Prometheus (ANSI colour, window-title and clear-screen sequences, a right-to-left
// override, markup) through every face: the terminal table, markdown, the HTML and markdown report files, the
// "unknown member" error, and the MCP server over stdio and HTTP (text content). Control characters never reach a
// terminal; bidirectional controls are shown as visible escapes; markup stays text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, promFlags, startHttpFace, startStdioFace, structuredOf, tempDir, textOf, type McpFace } from './harness';
import { escapeHtml } from '../../src/core/util/html';
import { escapeMarkdown } from '../../src/core/util/markdownEscape';
import { clean } from '../../src/cli/output';
import { oneLine } from '../../src/cli/exitCodes';

const HOSTILE = [
  'm1',
  '\u001b[31mred\u001b[0m',
  'title\u001b]0;pwned\u0007',
  'clear\u001b[2J\u001b[H',
  'rtl\u202egnp.exe',
  '<script>alert(1)</script>',
  '**md**|pipe',
  'isolate\u2067x\u2069',
];
const BIDI_CHARS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

let prom: FakePrometheus;
const tmp = tempDir('etcd-badinput-hostile-');
before(async () => {
  prom = await startFakePrometheus({ members: HOSTILE });
});
after(async () => {
  await prom?.close();
  tmp.remove();
});

function assertTerminalSafe(where: string, text: string): void {
  assert.ok(!CONTROL.test(text), `${where}: a control character reached the output: ${JSON.stringify(text.match(CONTROL))}`);
  assert.ok(!BIDI.test(text), `${where}: a raw bidirectional control reached the output`);
}

const WAL = 'get_etcd_disk_wal_fsync';

describe('CLI faces', () => {
  test('table: no control or bidi characters; the override is shown as <U+202E>', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url)]);
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe('stdout', r.stdout);
    assert.match(r.stdout, /rtl<U\+202E>gnp\.exe/);
    assert.match(r.stdout, /<script>alert\(1\)<\/script>/, 'a terminal shows markup as the text it is');
  });
  test('markdown: escaped markup, visible bidi escapes', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'markdown']);
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe('stdout', r.stdout);
    assert.match(r.stdout, /\\<script\\>alert\(1\)\\<\/script\\>/);
    assert.match(r.stdout, /\\\*\\\*md\\\*\\\*\\\|pipe/);
    assert.match(r.stdout, /rtl\\<U\+202E\\>gnp\.exe/);
  });
  test('json: the exact values, escaped as JSON', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!CONTROL.test(r.stdout), 'JSON escapes control characters');
    const members = new Set((JSON.parse(r.stdout) as { metrics: { member: string }[] }).metrics.map((m) => m.member));
    for (const m of HOSTILE) assert.ok(members.has(m), `member ${JSON.stringify(m)} kept exactly`);
  });
  test('the unknown-member error lists hostile names safely (exit 2)', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--member', 'nope\u001b[2J']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /unknown member/);
    assertTerminalSafe('stderr', r.stderr);
  });
  test('--member with the exact hostile name is accepted (names are compared as they are, only shown safely)', async () => {
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--member', 'rtl\u202egnp.exe', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.notEqual((JSON.parse(r.stdout) as { status: string }).status, 'failed');
  });
  test('report files: HTML and markdown carry no raw bidi controls and no live markup', async () => {
    const out = join(tmp.dir, 'report');
    const r = await cli(['report', ...promFlags(prom.url), '--duration', '15m', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assertTerminalSafe('stdout', r.stdout);
    const files = r.stdout.match(/wrote (.*)/)![1].split(', ');
    const html = readFileSync(files.find((f) => f.endsWith('.html'))!, 'utf8');
    const visible = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/g, '');
    assert.ok(!BIDI.test(visible), 'no raw bidi control in the HTML outside the JSON data block');
    assert.ok(!visible.includes('<script>alert(1)'), 'markup from a label is never live');
    assert.match(visible, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(visible, /rtl&lt;U\+202E&gt;gnp\.exe/);
    const md = readFileSync(files.find((f) => f.endsWith('.md'))!, 'utf8');
    assert.ok(!BIDI.test(md) && !CONTROL.test(md.replace(/\n|\t/g, '')), 'markdown file clean');
  });
});

describe('every bidirectional control is neutralised by every escaper', () => {
  for (const c of BIDI_CHARS) {
    const code = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    test(`U+${code}`, () => {
      const input = `a${c}b`;
      for (const [name, out] of [['html', escapeHtml(input)], ['markdown', escapeMarkdown(input)], ['terminal', clean(input)], ['error line', oneLine(input)]] as const) {
        assert.ok(!out.includes(c), `${name} kept U+${code}`);
        assert.ok(out.includes(`U+${code}`), `${name} shows U+${code}: ${out}`);
      }
    });
  }
  test('terminal text drops C0/C1 controls and DEL', () => {
    assert.equal(clean('a\u001b[31mb\u0007c\u009bd\u007fe'), 'a [31mb c d e');
  });
});

for (const start of [startStdioFace, startHttpFace]) {
  describe(`MCP ${start === startStdioFace ? 'stdio' : 'HTTP'}: hostile labels and bad arguments`, () => {
    let face: McpFace;
    before(async () => {
      face = await start({ ETCD_ANALYZER_PROMETHEUS_URL: prom.url, ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"', ETCD_ANALYZER_NODE_SELECTOR: 'job="node"' });
    });
    after(async () => face?.close());

    test('tool text has no control or raw bidi characters; structuredContent keeps exact names', async () => {
      prom.set({ kind: 'none' });
      const r = await face.call(WAL, { duration: '15m' });
      assert.notEqual(r.isError, true, textOf(r));
      assertTerminalSafe('text content', textOf(r).replace(/\n/g, ' '));
      assert.match(textOf(r), /rtl\\<U\+202E\\>gnp\.exe/);
    });
    test('a negative duration is isError naming the field; the server keeps serving', async () => {
      const r = await face.call(WAL, { duration: '-5m' });
      assert.equal(r.isError, true);
      assert.match(textOf(r), /duration/i);
      assert.ok(face.alive());
    });
    test('an unknown hostile member is isError with a safe text', async () => {
      const r = await face.call(WAL, { duration: '15m', member: 'x\u001b]0;t\u0007' });
      assert.equal(r.isError, true, textOf(r));
      assertTerminalSafe('text content', textOf(r).replace(/\n/g, ' '));
    });
    test('401 from Prometheus is isError of kind auth', async () => {
      prom.set({ kind: 'status', status: 401 });
      const r = await face.call(WAL, { duration: '15m' });
      prom.set({ kind: 'none' });
      assert.equal(r.isError, true);
      assert.ok(structuredOf(r).errors?.some((e) => e.kind === 'auth'), textOf(r));
    });
    test('NaN everywhere: a result, not a crash', async () => {
      prom.set({ kind: 'value', value: 'NaN' });
      const r = await face.call(WAL, { duration: '15m' });
      prom.set({ kind: 'none' });
      assert.notEqual(structuredOf(r).status, 'failed', textOf(r));
      assert.ok(face.alive());
    });
    test('a 64 MiB+ gzip bomb fails the call; the next call works', async () => {
      prom.set({ kind: 'huge', bytes: 80 * 1024 * 1024, gzip: true });
      const r = await face.call(WAL, { duration: '15m' });
      prom.set({ kind: 'none' });
      assert.equal(r.isError, true);
      assert.match(textOf(r), /larger than 64 MiB/);
      const ok = await face.call(WAL, { duration: '15m' });
      assert.notEqual(ok.isError, true, textOf(ok));
    });
  });
}
