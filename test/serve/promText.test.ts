// The Prometheus text format writer and the /metrics families: hostile label values cannot break the exposition,
// and no verdict series exists before a diagnosis ran.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeLabelValue, renderPromText } from '../../src/serve/promText';
import { metricsFamilies } from '../../src/serve/routes/metrics';
import { LatestDiagnosis } from '../../src/serve/latest';
import { RunTracker } from '../../src/serve/runs';
import type { ServeDeps } from '../../src/serve/deps';
import type { AnalyzerResult, Finding } from '../../src/core/types';

function deps(latest = new LatestDiagnosis()): ServeDeps {
  return { latest, runs: new RunTracker(), version: 't', startedAt: new Date(), log: console as never, engine: {} as never };
}

const finding = (over: Partial<Finding>): Finding => ({ id: 'x', rule: 'wal_fsync_p99_high', category: 'disk', severity: 'warning', member: 'm1', title: 't', evidence: [], rootCause: '', recommendation: '', ...over });

function result(findings: Finding[], verdict: 'healthy' | 'degraded' | 'critical' | 'unknown'): AnalyzerResult {
  return {
    tool: 'get_etcd_bottleneck_analysis',
    title: 't',
    summary: 's',
    status: 'ok',
    range: { start: '', end: '', duration: '1h', stepSeconds: 15 },
    metrics: [],
    findings,
    errors: [],
    diagnosis: { verdict, headline: 'h', incidents: [], unexplained: [], unjudged: [] },
  } as AnalyzerResult;
}

describe('serve: Prometheus text format', () => {
  it('escapes backslash, quote and newline in label values', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    const text = renderPromText([{ name: 'x', help: 'h', type: 'gauge', samples: [{ labels: { member: 'm"1\n} 9\nevil_metric 1' }, value: 1 }] }]);
    const lines = text.trim().split('\n');
    assert.equal(lines.length, 3, 'a hostile label stays on its one line');
    assert.equal(lines[2], 'x{member="m\\"1\\n} 9\\nevil_metric 1"} 1');
  });

  it('NaN and infinities use the format spelling', () => {
    const text = renderPromText([{ name: 'x', help: 'h', type: 'gauge', samples: [{ value: NaN }, { value: Infinity }, { value: -Infinity }] }]);
    assert.match(text, /^x NaN\nx \+Inf\nx -Inf$/m);
  });

  it('before any diagnosis: build info, no verdict and no finding series (absence, not "healthy")', () => {
    const text = renderPromText(metricsFamilies(deps()));
    assert.match(text, /^etcd_analyzer_build_info\{version="/m);
    assert.doesNotMatch(text, /etcd_analyzer_diagnosis_verdict|etcd_analyzer_finding\{|last_run_timestamp/);
  });

  it('one finding series per rule and member (worst severity), the verdict as a 0/1 set', () => {
    const latest = new LatestDiagnosis();
    latest.offer({
      tool: 'get_etcd_bottleneck_analysis',
      finishedAt: 1_700_000_000_000,
      durationMs: 1500,
      origin: 'periodic',
      result: result([finding({}), finding({ severity: 'critical' }), finding({ member: 'node "a"', rule: 'node_cpu_high', category: 'cpu' })], 'critical'),
    });
    const text = renderPromText(metricsFamilies(deps(latest)));
    assert.match(text, /^etcd_analyzer_finding\{rule="wal_fsync_p99_high",category="disk",severity="critical",member="m1"\} 1$/m);
    assert.doesNotMatch(text, /severity="warning",member="m1"/);
    assert.match(text, /member="node \\"a\\""/);
    assert.match(text, /^etcd_analyzer_diagnosis_verdict\{verdict="critical"\} 1$/m);
    assert.match(text, /^etcd_analyzer_diagnosis_verdict\{verdict="healthy"\} 0$/m);
    assert.match(text, /^etcd_analyzer_last_run_timestamp_seconds\{tool="get_etcd_bottleneck_analysis"\} 1700000000$/m);
    assert.match(text, /^etcd_analyzer_last_run_duration_seconds\{tool="get_etcd_bottleneck_analysis"\} 1\.5$/m);
  });

  it('a failed run does not replace the last diagnosis', () => {
    const latest = new LatestDiagnosis();
    latest.offer({ tool: 't', finishedAt: 1, durationMs: 1, origin: 'periodic', result: result([finding({})], 'degraded') });
    latest.offer({ tool: 't', finishedAt: 2, durationMs: 1, origin: 'periodic', result: { ...result([], 'unknown'), status: 'failed', errors: [{ kind: 'unreachable', query: 'q', message: 'm', hint: 'h' }] } });
    assert.equal(latest.get()?.finishedAt, 1);
    assert.equal(latest.periodic()?.finishedAt, 2, 'the status shows the failed periodic run');
    assert.equal(latest.queryErrors, 1);
  });
});
