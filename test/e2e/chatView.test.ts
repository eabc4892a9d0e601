// @etcd through the real Chat view: requests are sent with `workbench.action.chat.open {query}`, answered by the
// participant with the model the Chat view picked — the scripted test-double model of test/e2e/lm-double (installed
// by scripts/e2e/run.sh). What @etcd streamed is read from the test-mode transcript (hooks.chatTranscript).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension/extension';
import type { TranscriptEntry } from '../../src/extension/chat/testTranscript';
import { activateExtension, notes, until } from './activation';

const NUMBER_WITH_UNIT = /\d+(\.\d+)?\s?(ms|µs|s|B|KiB|MiB|GiB|%|\/s)\b/;
let hooks: TestHooks;

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

  test('@etcd /bottlenecks answers with live numbers, members, findings and buttons', async () => {
    const e = await ask('@etcd /bottlenecks 15m');
    // The answer leads with the diagnosis line (cause, member, evidence), before the tool's title and its findings.
    const diagnosisAt = e.markdown.search(/\*\*(Critical|Warning|Healthy|Cannot judge)/);
    assert.ok(diagnosisAt >= 0 && diagnosisAt < e.markdown.indexOf('### '), `diagnosis line first: ${e.markdown.slice(0, 300)}`);
    assert.match(e.markdown, /\bm[123]\b/);
    assert.match(e.markdown, NUMBER_WITH_UNIT);
    assert.match(e.markdown, /#### Findings \(\d+\)/);
    const all = await vscode.commands.getCommands(true);
    if (all.includes('etcdAnalyzer.openReport')) assert.ok(e.buttons.includes('etcdAnalyzer.openReport'), 'Open Report button');
    if (all.includes('etcdAnalyzer.openDashboard')) assert.ok(e.buttons.includes('etcdAnalyzer.openDashboard'), 'Open Dashboard button');
    notes.push(`@etcd /bottlenecks via Chat view: ${e.markdown.length} chars; first number: ${NUMBER_WITH_UNIT.exec(e.markdown)?.[0]}; buttons: ${e.buttons.join(', ') || 'none'}`);
  });

  test('a free question runs the tool loop with the Chat view model; an unknown tool gets the valid list', async () => {
    const e = await ask('@etcd is the WAL slow? [tools: get_etcd_magic, get_etcd_disk_wal_fsync]');
    assert.equal(e.model, 'etcd-e2e/scripted');
    const md = (e.result as any)?.metadata;
    assert.deepEqual(md?.toolCalls, [{ name: 'get_etcd_magic', ok: false }, { name: 'get_etcd_disk_wal_fsync', ok: true }], e.markdown.slice(0, 500));
    assert.match(e.markdown, /Scripted answer from the tool results: ### /);
    const double = vscode.extensions.getExtension<{ requests: { tools: string[]; toolResults: number }[] }>('etcd-analyzer-test.lm-double')?.exports;
    assert.ok(double, 'test-double model extension');
    const mine = double.requests.slice(-3);
    assert.equal(mine[0].tools.length, 15, 'the 15 etcd tools offered');
    assert.deepEqual(mine.map((r) => r.toolResults), [0, 1, 2]);
  });
});
