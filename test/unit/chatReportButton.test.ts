// The "Open full report" button under an @etcd answer: which window it carries (the one the answer judged), and
// the check etcdAnalyzer.openReport makes on arguments that come back from a button or another extension.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzerFor, analyzers } from '../../src/core/analyzers/registry';
import { reportWindowOf, spanOf, toolCallWindow } from '../../src/extension/chat/reportWindow';
import { viewButtons, OPEN_FULL_REPORT } from '../../src/extension/chat/viewButtons';
import { parseOpenReportArgs } from '../../src/extension/webviews/openReportArgs';
import type { AnalyzerResult } from '../../src/core/types';

const NOW = new Date('2026-12-01T01:00:00Z');
const diagnosisTool = analyzerFor('diagnosis').name;
const ownSpanTool = analyzers.find((a) => a.ownTimeSpan)!.name;

function ran(tool: string, start: string, end: string, status: AnalyzerResult['status'] = 'ok'): Pick<AnalyzerResult, 'tool' | 'status' | 'range'> {
  return { tool, status, range: { start, end, duration: '15m', stepSeconds: 15 } };
}

describe('the window an answer judged', () => {
  test('one result: exactly its start and end', () => {
    assert.deepEqual(reportWindowOf([ran(diagnosisTool, '2026-12-01T00:45:00.000Z', '2026-12-01T01:00:00.000Z')]), {
      start: '2026-12-01T00:45:00.000Z',
      end: '2026-12-01T01:00:00.000Z',
    });
  });

  test('failed runs and history analyzers (their own span) do not count', () => {
    assert.equal(reportWindowOf([]), undefined);
    assert.equal(reportWindowOf([ran(diagnosisTool, '2026-12-01T00:45:00Z', '2026-12-01T01:00:00Z', 'failed')]), undefined);
    assert.equal(reportWindowOf([ran(ownSpanTool, '2026-12-01T00:00:00Z', '2026-12-01T01:00:00Z')]), undefined);
    assert.equal(reportWindowOf([ran(diagnosisTool, 'yesterday', '2026-12-01T01:00:00Z')]), undefined);
  });

  test('several windows: the span covering them; days apart (past the 7d a report takes): the last one', () => {
    assert.deepEqual(
      reportWindowOf([ran(diagnosisTool, '2026-12-01T00:45:00Z', '2026-12-01T01:00:00Z'), ran(diagnosisTool, '2026-12-01T00:00:00Z', '2026-12-01T00:50:00Z')]),
      { start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T01:00:00.000Z' },
    );
    const last = { start: '2026-12-01T00:00:00Z', end: '2026-12-01T01:00:00Z' };
    assert.deepEqual(spanOf([{ start: '2026-11-01T00:00:00Z', end: '2026-11-01T01:00:00Z' }, last]), last);
  });

  test("a model's tool call: resolved as the analyzer resolves it, with the default window when it names none", () => {
    assert.deepEqual(toolCallWindow(diagnosisTool, {}, '15m', NOW), { start: '2026-12-01T00:45:00.000Z', end: '2026-12-01T01:00:00.000Z' });
    assert.deepEqual(toolCallWindow(diagnosisTool, { duration: '1h' }, '15m', NOW), { start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T01:00:00.000Z' });
    assert.deepEqual(toolCallWindow(diagnosisTool, { start: '2026-11-30T10:00:00Z', end: '2026-11-30T11:00:00Z' }, '15m', NOW), {
      start: '2026-11-30T10:00:00.000Z',
      end: '2026-11-30T11:00:00.000Z',
    });
    assert.equal(toolCallWindow(diagnosisTool, { duration: '5x' }, '15m', NOW), undefined, 'input the analyzer refuses');
    assert.equal(toolCallWindow(ownSpanTool, {}, '15m', NOW), undefined);
    assert.equal(toolCallWindow('no_such_tool', {}, '15m', NOW), undefined);
  });
});

describe('the buttons', () => {
  test('"Open full report" carries the window; the dashboard button stays', () => {
    const b = viewButtons({ report: true, window: { start: 'a', end: 'b' } });
    assert.deepEqual(b.map((x) => [x.command, x.title]), [['etcdAnalyzer.openReport', OPEN_FULL_REPORT], ['etcdAnalyzer.openDashboard', 'Open Dashboard']]);
    assert.deepEqual(b[0].arguments, [{ start: 'a', end: 'b' }]);
    assert.deepEqual(viewButtons({ report: true })[0].arguments, [], 'no window: the panel uses the default');
    assert.deepEqual(viewButtons({ report: false }).map((x) => x.command), ['etcdAnalyzer.openDashboard'], 'nothing ran: no report to open');
  });

  test('what a button passes is what the command accepts', () => {
    const [report] = viewButtons({ report: true, window: { start: '2026-12-01T00:45:00.000Z', end: '2026-12-01T01:00:00.000Z' } });
    assert.deepEqual(parseOpenReportArgs(report.arguments![0], NOW), { ok: true, args: { start: '2026-12-01T00:45:00.000Z', end: '2026-12-01T01:00:00.000Z' } });
  });
});

describe('etcdAnalyzer.openReport arguments', () => {
  const ok = (raw: unknown) => {
    const p = parseOpenReportArgs(raw, NOW);
    assert.ok(p.ok, `accepted: ${JSON.stringify(raw)} → ${!p.ok && p.error}`);
    return p.args;
  };
  const refused = (raw: unknown, why: RegExp) => {
    const p = parseOpenReportArgs(raw, NOW);
    assert.ok(!p.ok, `refused: ${JSON.stringify(raw)}`);
    assert.match(p.error, why);
  };

  test('none (the palette) and a window are accepted', () => {
    assert.deepEqual(ok(undefined), {});
    assert.deepEqual(ok(null), {});
    assert.deepEqual(ok({ duration: '15m' }), { duration: '15m' });
    assert.deepEqual(ok({ start: 1764547200, end: 1764550800 }), { start: '1764547200', end: '1764550800' });
  });

  test('a window the report cannot take is refused, naming the field', () => {
    refused({ duration: '5x' }, /window.*"5x" is not a duration/);
    refused({ start: 'yesterday', end: '2026-12-01T00:00:00Z' }, /start "yesterday" is not a time/);
    refused({ start: '2026-12-01T01:00:00Z', end: '2026-12-01T00:00:00Z' }, /must be before end/);
    refused({ start: '2026-12-02T00:00:00Z', end: '2026-12-02T01:00:00Z' }, /in the future/);
    refused({ start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' }, /outside the supported range/);
  });

  test('wrong shapes are refused with the path of the problem', () => {
    refused('15m', /expected object/);
    refused([{ duration: '15m' }], /expected object/);
    refused({ duration: 15 }, /duration: .*expected string/);
    refused({ windw: '15m' }, /windw/);
    refused({ results: [{ tool: 'x' }] }, /results\.0\.title/);
    refused({ results: [{ tool: 'x', title: 't', summary: '', status: 'great', range: { start: '', end: '', duration: '' }, metrics: [], findings: [], errors: [] }] }, /results\.0\.status/);
    refused({ model: { version: 1 } }, /model\.meta/);
    refused({ title: 'x'.repeat(201) }, /title/);
  });

  test('results and a model pass through; a title loses its control characters', () => {
    const result = { tool: 'x', title: 'T', summary: 's', status: 'ok', range: { start: 'a', end: 'b', duration: '1h', stepSeconds: 5 }, metrics: [], findings: [{ id: 'f', severity: 'warning', member: '<b>m9</b>', title: 'Given', evidence: [], recommendation: 'r' }], errors: [] };
    const a = ok({ results: [result], title: 'etcd\u001b[31m analysis' });
    assert.equal(a.results![0].findings[0].recommendation, 'r', 'fields beyond the checked ones are kept');
    assert.equal(a.title, 'etcd [31m analysis');
  });
});
