// The lean answer (chat, LM tools, MCP text, CLI markdown) on the recorded fault runs of the local bed
// (test/fixtures/faults, see its README for how each was recorded), diagnosed here: the diagnosis line first, the
// findings with what to do, one row per key metric, and what was not judged or failed always said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerResult } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { withDiagnosis } from '../../src/core/diagnosis/attach';
import { diagnosisLine } from '../../src/core/diagnosis/text';
import { renderResultMarkdown } from '../../src/core/report/markdown';
import { buildAnswerView } from '../../src/core/report/view/answerView';
import { escapeMarkdown } from '../../src/core/util/markdownEscape';

const DIR = path.join(__dirname, '..', 'fixtures', 'faults');
const RECORDINGS = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

function diagnosed(file: string): AnalyzerResult {
  const r = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).result as AnalyzerResult;
  const findings = evaluateFindings(r.metrics, DEFAULT_THRESHOLDS, { window: r.range.duration, at: r.range.end });
  return withDiagnosis({ ...r, findings, diagnosis: undefined });
}

test('every recorded fault: the diagnosis line first, then findings and key metrics, in about 3,000 characters', () => {
  assert.ok(RECORDINGS.length >= 8, 'the fault recordings are there');
  for (const file of RECORDINGS) {
    const r = diagnosed(file);
    const md = renderResultMarkdown(r);
    assert.equal(md.split('\n')[0], `**${escapeMarkdown(diagnosisLine(r.diagnosis!))}**`, file);
    // About 3,000 (the two-cause recordings run a little over; the table dump was 11,000–27,000).
    assert.ok(md.length < 3500, `${file}: ${md.length} characters`);
    assert.match(md, /#### Findings \(\d+\)/, file);
    if (r.findings.length) assert.match(md, /\n {2}- Do: /, `${file}: findings carry what to do`);
    assert.match(md, /#### Key metrics against thresholds/, file);
    // One row per key metric: no metric title twice in the table.
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Metric') && !l.startsWith('| ---'));
    assert.equal(new Set(rows.map((l) => l.split(' | ')[0])).size, rows.length, file);
    if (r.diagnosis!.unjudged.length) assert.match(md, new RegExp(`Not judged \\(${r.diagnosis!.unjudged.length}\\)`), file);
  }
});

test('a partial run says its status and its failed queries with what to do', () => {
  const r = diagnosed('stopped-member.json');
  const partial: AnalyzerResult = {
    ...r,
    status: 'partial',
    errors: [{ kind: 'timeout', query: 'histogram_quantile(0.99, …)', metric: 'wal_fsync_duration', message: 'timed out after 30 s', hint: 'retry with a shorter window' }],
  };
  const md = renderResultMarkdown(partial);
  assert.match(md, /status \*\*partial\*\*/);
  assert.match(md, /#### Failed queries \(1\)/);
  assert.match(md, /wal\\_fsync\\_duration: timed out after 30 s/);
  assert.match(md, /What to do: retry with a shorter window/);
});

test('the answer is plain data: it survives a JSON round trip unchanged', () => {
  const view = buildAnswerView(diagnosed('slow-disk-follower.json'));
  assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
  assert.equal(view.blocks[0].kind, 'callout');
});
