import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { closest } from '../../src/cli/suggest';
import { exitCodeFor, problemLine } from '../../src/cli/exitCodes';
import { clean } from '../../src/cli/output';
import type { AnalyzerResult, Finding } from '../../src/core/types';
import { makeFinding, makeResult } from '../helpers/builders';

function usage(argv: string[], re: RegExp): void {
  assert.throws(() => parseCliArgs(argv), (err: unknown) => err instanceof UsageError && re.test(err.message) && !err.message.includes('\n'));
}

test('run with window, member, format, fail-on and connection flags', () => {
  const a = parseCliArgs([
    'run', 'get_etcd_bottleneck_analysis', '--duration', '6h', '--member=m2', '--format', 'json', '--fail-on', 'warning',
    '--prometheus', 'http://127.0.0.1:9090', '--token-file', '/t', '--insecure-skip-tls-verify', '--etcd-endpoints', 'a:1,b:2',
    '--etcd-selector', 'job="etcd"', '--profile', 'generic', '--history', 'h.db', '--debug',
  ]);
  assert.equal(a.command, 'run');
  assert.equal(a.tool, 'get_etcd_bottleneck_analysis');
  assert.equal(a.duration, '6h');
  assert.equal(a.member, 'm2');
  assert.equal(a.format, 'json');
  assert.equal(a.failOn, 'warning');
  assert.equal(a.debug, true);
  assert.deepEqual(a.connection, {
    prometheus: 'http://127.0.0.1:9090', tokenFile: '/t', caFile: undefined, insecureSkipTlsVerify: true, profile: 'generic',
    etcdSelector: 'job="etcd"', nodeSelector: undefined, etcdEndpoints: 'a:1,b:2', history: 'h.db', kubeconfig: undefined, kubeContext: undefined, maxReplyMb: undefined,
  });
});

test('report, list, help, version and mcp pass-through', () => {
  assert.equal(parseCliArgs(['report', '--out', 'dir']).out, 'dir');
  assert.equal(parseCliArgs(['list', '--format', 'json']).command, 'list');
  assert.equal(parseCliArgs(['--help']).help, true);
  assert.equal(parseCliArgs(['run', '--help']).help, true);
  assert.equal(parseCliArgs(['--version']).command, 'version');
  const m = parseCliArgs(['mcp', '--http', '--port', '0', '--whatever']);
  assert.equal(m.command, 'mcp');
  assert.deepEqual(m.rest, ['--http', '--port', '0', '--whatever']);
});

test('usage errors are one line naming the problem, with a suggestion where one exists', () => {
  usage([], /no command given/);
  usage(['rnu'], /unknown command "rnu"; did you mean run\?/);
  usage(['run'], /run needs a tool name/);
  usage(['run', 'x', '--duraton', '1h'], /unknown option --duraton; did you mean --duration\?/);
  usage(['run', 'x', '--duration'], /--duration needs a value/);
  usage(['run', 'x', '--duration', 'abc'], /--duration: "abc" is not a duration/);
  usage(['run', 'x', '--duration', '30s'], /outside the supported range 5m\.\.7d/);
  usage(['run', 'x', '--duration', '8d'], /outside the supported range/);
  usage(['run', 'x', '--start', 'yesterday', '--end', '2026-01-01T00:00:00Z'], /start "yesterday" is not a time/);
  usage(['run', 'x', '--format', 'yaml'], /--format "yaml" is not supported: use summary, table, markdown or json/);
  usage(['run', 'x', '--fail-on', 'info'], /--fail-on "info" is not a level/);
  usage(['run', 'x', 'extra'], /unexpected argument "extra"/);
  usage(['run', 'x', '--member', ' '], /--member is empty/);
  usage(['run', 'x', '--token', 'secret'], /--token is not accepted .* use --token-file/);
  usage(['run', 'x', '--token=secret'], /--token is not accepted/);
  usage(['run', 'x', '--debug=yes'], /--debug takes no value/);
});

test('closest suggests near misses only', () => {
  const tools = ['get_etcd_bottleneck_analysis', 'get_etcd_disk_wal_fsync', 'get_server_health'];
  assert.equal(closest('get_etcd_bottleneck_analysys', tools), 'get_etcd_bottleneck_analysis');
  assert.equal(closest('bottleneck', tools), 'get_etcd_bottleneck_analysis');
  assert.equal(closest('completely_else', tools), undefined);
});

const result = makeResult;
const f = (severity: Finding['severity']): Finding => makeFinding({ severity });

test('exit codes: findings vs --fail-on, source problems, bad input', () => {
  assert.equal(exitCodeFor(result({ findings: [f('warning')] })), 0);
  assert.equal(exitCodeFor(result({ findings: [f('warning')] }), 'warning'), 1);
  assert.equal(exitCodeFor(result({ findings: [f('warning')] }), 'critical'), 0);
  assert.equal(exitCodeFor(result({ findings: [f('critical')] }), 'critical'), 1);
  const unreachable = { kind: 'unreachable' as const, query: 'up', message: 'connect ECONNREFUSED 127.0.0.1:1', hint: 'check the URL' };
  // a member's etcd endpoint refusing connections is partial data plus a finding, not a broken source
  assert.equal(exitCodeFor(result({ status: 'partial', errors: [unreachable], findings: [f('critical')] }), 'warning'), 1);
  assert.equal(exitCodeFor(result({ status: 'failed', errors: [unreachable] })), 3);
  assert.equal(exitCodeFor(result({ status: 'failed', errors: [{ ...unreachable, kind: 'timeout' }] })), 3);
  assert.equal(exitCodeFor(result({ status: 'failed', errors: [{ ...unreachable, kind: 'bad_input' }] })), 2);
  assert.equal(exitCodeFor(result({ status: 'partial', errors: [{ ...unreachable, kind: 'timeout' }] })), 0);
  assert.equal(problemLine(result({ status: 'failed', errors: [{ ...unreachable, kind: 'timeout' }, { ...unreachable, message: 'a\nb' }] })), 'unreachable: a b — check the URL');
  assert.equal(problemLine(result({ status: 'partial', errors: [unreachable] })), undefined);
});

test('terminal output strips control characters from data', () => {
  assert.equal(clean('m1\u001b[31mRED\u0007'), 'm1 [31mRED ');
});
