// PromQL string-literal escaping and matcher building: hostile label values must stay inside their literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeLabelValue, escapeRegex, matcher, joinMatchers } from '../../src/core/util/promql';

/** Reads back a PromQL double-quoted literal the way Prometheus' lexer does (enough for these tests). */
function unquote(lit: string): string {
  assert.ok(lit.startsWith('"') && lit.endsWith('"'));
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') assert.fail(`unescaped quote at ${i} in ${lit}`);
    if (c === '\n') assert.fail('raw newline inside a literal');
    if (c === '\\') {
      const n = body[++i];
      out += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n;
    } else out += c;
  }
  return out;
}

test('plain values are unchanged', () => {
  assert.equal(escapeLabelValue('etcd-master-0'), 'etcd-master-0');
});

test('quote, backslash, newline, CR and tab are escaped and round-trip', () => {
  for (const v of ['a"b', 'a\\b', 'line1\nline2', 'x\r\ty', '\\"', 'ends with \\', '"}) or vector(1) #', 'é✓']) {
    const lit = `"${escapeLabelValue(v)}"`;
    assert.equal(unquote(lit), v, `round trip of ${JSON.stringify(v)}`);
  }
});

test('"} injection stays inside the literal', () => {
  const m = matcher('pod', '=', 'x"} or up{job="y');
  assert.equal(m, 'pod="x\\"} or up{job=\\"y"');
  assert.equal(unquote(m.slice('pod='.length)), 'x"} or up{job="y');
});

test('a trailing backslash cannot escape the closing quote', () => {
  const m = matcher('member', '=', 'm1\\');
  assert.equal(m, 'member="m1\\\\"');
});

test('matcher validates the label name and operator', () => {
  assert.equal(matcher('member', '!=', 'm2'), 'member!="m2"');
  assert.equal(matcher('_x9', '=~', 'a|b'), '_x9=~"a|b"');
  assert.throws(() => matcher('9abc', '=', 'v'), /not a valid Prometheus label name/);
  assert.throws(() => matcher('job"}', '=', 'v'), /label name/);
  assert.throws(() => matcher('a-b', '=', 'v'), /label name/);
  assert.throws(() => matcher('job', '==' as never, 'v'), /operator/);
});

test('escapeRegex makes a literal usable under =~', () => {
  assert.equal(escapeRegex('10.0.0.1:2379'), '10\\.0\\.0\\.1:2379');
  assert.equal(matcher('instance', '=~', escapeRegex('a.b|c')), 'instance=~"a\\\\.b\\\\|c"');
});

test('joinMatchers skips empties', () => {
  assert.equal(joinMatchers('job="etcd"', '', undefined, ' member="m1" '), 'job="etcd", member="m1"');
});
