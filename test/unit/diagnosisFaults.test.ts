// The diagnosis over REAL recordings: test/fixtures/faults/<scenario>.json are bottleneck-analysis results recorded
// by `npm run record:faults` against faults injected into the local 3-member test bed (see that folder's README).
// The recorded metric summaries go through today's rules and diagnose(); the first incident must be the injected
// cause, on an expected member. The recorder's machine had its 2 cores busy in every recording (node CPU ≈ 100 %),
// so these also check that a busy node does not hide a stopped member, a slow disk or a slow network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerResult } from '../../src/core/types';
import type { EtcdClusterStatus } from '../../src/core/source/clusterStatusTypes';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { diagnose } from '../../src/core/diagnosis/diagnose';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'faults');

interface Recording {
  scenario: string;
  expected: { category: string; orCategory?: string; members: string[] };
  injected: { member: string; expectedMembers?: string[] };
  result: AnalyzerResult;
}

function load(name: string): Recording {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Recording;
}

function diagnoseRecording(r: Recording) {
  const res = r.result;
  const alarms = (res.data?.alarms ?? []) as EtcdClusterStatus['alarms'];
  const clusterStatus = alarms.length ? ({ members: [], alarms } as unknown as EtcdClusterStatus) : undefined;
  const findings = evaluateFindings(res.metrics, DEFAULT_THRESHOLDS, { window: res.range.duration, at: res.range.end, clusterStatus });
  return diagnose({ findings, metrics: res.metrics, errors: res.errors, window: res.range.duration });
}

/** Scenarios recorded so far; each must exist (a missing recording fails rather than silently shrinking the suite). */
const RECORDED = ['stopped-member', 'leader-restarts', 'cpu-saturation', 'peer-latency', 'slow-disk-follower', 'slow-disk-leader', 'fragmentation', 'nospace', 'partitioned-member', 'healthy', 'leader-restarts-all-members'];
const optional = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];

for (const name of [...new Set([...RECORDED, ...optional])].sort()) {
  test(`recorded fault "${name}": the first diagnosis is the injected cause on the right member`, () => {
    const r = load(name);
    const d = diagnoseRecording(r);
    const healthy = r.expected.members.length === 0 && r.injected.member === 'none';
    if (healthy) {
      assert.equal(d.incidents.filter((i) => i.severity === 'critical' && i.category !== 'cpu').length, 0, d.incidents.map((i) => i.headline).join(' | '));
      return;
    }
    const top = d.incidents[0];
    assert.ok(top, `no incident for ${name}`);
    const categories = [r.expected.category, r.expected.orCategory].filter(Boolean);
    assert.ok(categories.includes(top.category), `${name}: first is ${top.category}:${top.member} — ${top.headline}`);
    const members = r.expected.members.length ? r.expected.members : r.injected.expectedMembers ?? [r.injected.member];
    const node = top.category === 'cpu' ? ['node', top.member] : [];
    assert.ok(members.includes(top.member) || node.some((n) => members.includes(n)), `${name}: member ${top.member} not in ${members.join(', ')}`);
    assert.ok(top.headline.length > 20 && top.headline.includes(top.member === 'cluster' ? '' : top.member), top.headline);
  });
}
