// The fault-injection suite: each scenario injects one real fault into a fresh local 3-member cluster (port
// offset 3000, loopback only), analyses the last 5 minutes with the bottleneck analysis, and asserts that the
// FIRST diagnosis names the injected cause on the right member (the healthy bed: no critical, at most one
// warning). What the analysis said is printed with every result, right or wrong. Scenarios run one after another;
// every process a scenario starts (hogs, strace, proxies, the bed) is stopped by PID before the next one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../scripts/faults/runScenario';
import { SCENARIOS, type Scenario } from '../../scripts/faults/scenarios';

const only = (process.env.FAULTS_ONLY ?? '').split(',').filter(Boolean);

function expectation(s: Scenario): string {
  if (s.healthy) return 'no critical, at most one warning, verdict healthy or degraded';
  return `first diagnosis ${s.expected.category} on ${s.expected.members.join(' or ') || 'the faulted member'}`;
}

describe('injected faults → first diagnosis', () => {
  for (const s of SCENARIOS.filter((x) => !only.length || only.includes(x.name))) {
    test(`${s.name}: ${s.fault} → ${expectation(s)}`, { timeout: 10 * 60_000 }, async (t) => {
      // Progress and what the analysis said (right or wrong) go to the test's diagnostics.
      const run = await runScenario(s, (line) => t.diagnostic(line));
      assert.ok(run.result.diagnosis, `the bottleneck analysis returned no diagnosis\n${run.judgement.printable}`);
      if (!s.healthy) assert.notEqual(run.result.diagnosis.verdict, 'healthy', run.judgement.printable);
      assert.deepEqual(run.judgement.problems, [], run.judgement.printable);
    });
  }
});
