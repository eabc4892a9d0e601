// Short episodes: a 75 s CPU saturation inside a 5-minute window is dated (start, peak, end) from its rolling series,
// and the elections that happened inside it are counted. Synthetic series at a 15 s step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnosis, Series } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { electionsDuring, episodeMetrics, episodeOf, withEpisodes } from '../../src/core/diagnosis/episodes';

const T0 = Date.parse('2026-01-01T12:00:00Z');
const at = (i: number) => T0 + i * 15_000;
const window = { start: new Date(T0).toISOString(), end: new Date(at(20)).toISOString() };

function series(metric: string, member: string, f: (i: number) => number | null, unit: Series['unit'] = 'percent'): Series {
  return { metric, member, unit, points: Array.from({ length: 21 }, (_, i) => [at(i), f(i)] as [number, number | null]) };
}

const cpu = series('node_cpu_percent', 'host', (i) => (i >= 8 && i <= 12 ? (i === 10 ? 99.5 : 95) : 30));
// Rolling increase of the leader-changes counter: two elections show at points 9 and 11, one outside at 17.
const elections = series('leader_changes', 'm1', (i) => (i >= 17 ? 3 : i >= 11 ? 2 : i >= 9 ? 1 : 0), 'count');

const diagnosis: Diagnosis = {
  verdict: 'critical',
  headline: 'CPU saturated on node host',
  incidents: [
    { id: 'cpu:host', rank: 1, severity: 'critical', category: 'cpu', member: 'host', confidence: 'high', headline: 'CPU saturated on node host', evidence: [], reasoning: 'CPU.', causeFindings: [], consequences: [], recommendation: 'r' },
  ],
  unexplained: [],
  unjudged: [],
};

test('the episode is the span at or above the level, with its peak', () => {
  const ep = episodeOf([cpu], DEFAULT_THRESHOLDS.cpuPercent.critical)!;
  assert.equal(ep.start, at(8));
  assert.equal(ep.end, at(12));
  assert.equal(ep.peakAt, at(10));
  assert.equal(ep.peak, 99.5);
  assert.equal(episodeOf([cpu], 100), undefined, 'never at the level: no episode');
});

test('elections inside the episode are counted from the counter\'s rising edges', () => {
  assert.deepEqual(electionsDuring([elections], at(8), at(12)), { inside: 2, total: 3 });
});

test('a CPU incident gets its episode and the co-occurring elections in its reasoning', () => {
  assert.deepEqual(episodeMetrics(diagnosis), ['node_cpu_percent', 'leader_changes']);
  const d = withEpisodes(diagnosis, [cpu, elections], DEFAULT_THRESHOLDS, window);
  assert.deepEqual(d.incidents[0].episode, { start: new Date(at(8)).toISOString(), peakAt: new Date(at(10)).toISOString(), end: new Date(at(12)).toISOString() });
  assert.equal(d.incidents[0].headline, 'CPU saturated on node host (12:02–12:03 UTC)');
  assert.equal(d.headline, d.incidents[0].headline, 'the diagnosis line says when too');
  assert.match(d.incidents[0].reasoning, /2 of 3 leader changes in the window happened while the CPU was saturated \(12:02:00–12:03:00 UTC, peak 99\.5 % at 12:02:30\)/);
});

test('saturated for the whole window is not an episode', () => {
  const always = series('node_cpu_percent', 'host', () => 99);
  const d = withEpisodes(diagnosis, [always], DEFAULT_THRESHOLDS, window);
  assert.equal(d.incidents[0].episode, undefined);
});
