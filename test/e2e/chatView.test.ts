// @etcd through the real Chat view: requests are sent with `workbench.action.chat.open {query}`, answered by the
// participant with the model the Chat view picked — the scripted test-double model of test/e2e/lm-double (installed
// by scripts/e2e/run.sh). What @etcd streamed is read from the test-mode transcript (hooks.chatTranscript).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension/extension';
import type { TranscriptEntry } from '../../src/extension/chat/testTranscript';
import type { ReportModel } from '../../src/webview-contract/messages';
import { activateExtension, notes, until } from './activation';

const NUMBER_WITH_UNIT = /\d+(\.\d+)?\s?(ms|µs|s|B|KiB|MiB|GiB|%|\/s)\b/;
let hooks: TestHooks;

interface ReportSnapshot { open: boolean; posts: number; model?: ReportModel; rendered?: unknown }
const reportSnapshot = async () => (await vscode.commands.executeCommand<{ report: ReportSnapshot }>('etcdAnalyzer._test.webviews')).report;

/** Closes the report panel again, so the webview suite later starts from no panel. */
async function closeReportTab(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('etcdAnalyzer.report'));
  await vscode.window.tabGroups.close(tabs);
}

/** Sends one message through the Chat view and waits for @etcd's finished answer to it. */
async function ask(query: string): Promise<TranscriptEntry> {
  const before = hooks.chatTranscript.length;
  await vscode.commands.executeCommand('workbench.action.chat.open', { query });
  return until(`@etcd to answer "${query}"`, () => {
    const e = hooks.chatTranscript[before];
    return e?.done ? e : undefined;
  }, 120_000);
}

suite('@etcd in the Chat view (scripted test-double model)', () => {
  suiteSetup(async () => {
    hooks = await activateExtension();
    const models = await until('the scripted test model', async () => {
      const m = await vscode.lm.selectChatModels({ vendor: 'etcd-e2e' });
      return m.length ? m : undefined;
    }, 30_000);
    notes.push(`chat view: model ${models[0].vendor}/${models[0].id} available; requests sent with workbench.action.chat.open`);
  });

  const slash: [string, string][] = [
    ['status', '15m'], ['general', '15m'], ['wal', '15m'], ['commit', '15m'], ['disk', '15m'], ['network', '15m'],
    ['compact', '15m'], ['deep', '15m'], ['bottlenecks', '15m'], ['report', '15m'], ['history', 'metric=wal_fsync_duration'], ['help', ''],
  ];
  for (const [command, args] of slash) {
    test(`@etcd /${command} is answered (no language model used)`, async () => {
      const e = await ask(`@etcd /${command} ${args}`.trim());
      assert.equal(e.command, command);
      assert.equal((e.result as vscode.ChatResult)?.metadata?.command, command);
      assert.ok(e.markdown.length > 100, 'answer streamed');
      if (command !== 'help') {
        assert.ok(e.progress.length > 0, 'progress shown');
        assert.match(e.markdown, /### /);
        assert.match(e.markdown, /\d/);
        assert.ok(!(e.result as any).metadata.runs.some((r: any) => r.status === 'failed'), 'no analyzer failed: ' + JSON.stringify((e.result as any).metadata.runs));
      }
    });
  }

  test('@etcd /bottlenecks answers with live numbers, members, findings, and opens the full report for its window', async () => {
    const e = await ask('@etcd /bottlenecks 15m');
    // The answer leads with the diagnosis line (cause, member, evidence), before the tool's title and its findings.
    const diagnosisAt = e.markdown.search(/\*\*(Critical|Warning|Healthy|Cannot judge)/);
    assert.ok(diagnosisAt >= 0 && diagnosisAt < e.markdown.indexOf('### '), `diagnosis line first: ${e.markdown.slice(0, 300)}`);
    assert.match(e.markdown, /\bm[123]\b/);
    assert.match(e.markdown, NUMBER_WITH_UNIT);
    assert.match(e.markdown, /#### Findings \(\d+\)/);
    // The full per-member table is one button away: "Open full report" for the window this answer judged.
    assert.deepEqual(e.buttons.map((b) => b.title), ['Open full report', 'Open Dashboard']);
    const report = e.buttons[0];
    assert.equal(report.command, 'etcdAnalyzer.openReport');
    const w = report.arguments?.[0] as { start: string; end: string };
    assert.equal(Date.parse(w.end) - Date.parse(w.start), 15 * 60_000, `the answer's 15m window: ${JSON.stringify(report.arguments)}`);
    const before = (await reportSnapshot()).posts;
    await vscode.commands.executeCommand(report.command, ...(report.arguments ?? []));
    const r = await until('the report panel for the answer\'s window', async () => {
      const x = await reportSnapshot();
      return x.posts > before && x.model?.meta.range.start === w.start && x.rendered ? x : undefined;
    }, 120_000);
    assert.equal(r.model!.meta.range.end, w.end);
    assert.ok(r.model!.members.rows.length >= 3, 'every member in the full report');
    await closeReportTab();
    // A person reads the answer in the Chat view: the cause and what to do, not every metric of every member (which
    // streamed ~11,800 characters before the answer was built from the view tree; the report keeps them).
    assert.ok(e.markdown.length < 3500, `a lean answer: ${e.markdown.length} characters`);
    notes.push(`@etcd /bottlenecks answer length: ${e.markdown.length} characters of streamed markdown (first line: ${JSON.stringify(e.markdown.trim().split('\n')[0].slice(0, 160))})`);
    notes.push(`@etcd /bottlenecks: first number ${NUMBER_WITH_UNIT.exec(e.markdown)?.[0]}; buttons: ${e.buttons.map((b) => b.title).join(', ')}; the report button opened ${w.start} → ${w.end} with ${r.model!.members.rows.length} members`);
  });

  test('a free question runs the tool loop with the Chat view model; an unknown tool gets the valid list', async () => {
    const e = await ask('@etcd is the WAL slow? [tools: get_etcd_magic, get_etcd_disk_wal_fsync]');
    assert.equal(e.model, 'etcd-e2e/scripted');
    const md = (e.result as any)?.metadata;
    assert.deepEqual(md?.toolCalls, [{ name: 'get_etcd_magic', ok: false }, { name: 'get_etcd_disk_wal_fsync', ok: true }], e.markdown.slice(0, 500));
    assert.match(e.markdown, /Scripted answer from the tool results: \*\*(Critical|Warning|Info|Healthy|Cannot judge|No finding|Not judged|Not available)/);
    const double = vscode.extensions.getExtension<{ requests: { tools: string[]; toolResults: number }[] }>('etcd-analyzer-test.lm-double')?.exports;
    assert.ok(double, 'test-double model extension');
    const mine = double.requests.slice(-3);
    assert.equal(mine[0].tools.length, 15, 'the 15 etcd tools offered');
    assert.deepEqual(mine.map((r) => r.toolResults), [0, 1, 2]);
    // A tool ran: the report button opens the window that tool judged (the configured default, 15m).
    const report = e.buttons.find((b) => b.title === 'Open full report');
    const w = report?.arguments?.[0] as { start: string; end: string } | undefined;
    assert.ok(w, `report button with a window: ${JSON.stringify(e.buttons)}`);
    assert.equal(Date.parse(w.end) - Date.parse(w.start), 15 * 60_000);
  });
});
