// The History view in a real VS Code (code-server) against the live test bed: two analyses are run first (history
// is on by default), then the view opens beside the Cluster view, lists those runs and draws charts from them;
// pinning one as the baseline runs the live comparison. The internal command etcdAnalyzer._test.webviews returns
// what the host posted and what the webview reported drawing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, notes, until } from './activation';
import { analyzerFor } from '../../src/core/analyzers/registry';
import type { HistoryState } from '../../src/webview-contract/messages';

interface Snapshot {
  history: { resolved: boolean; posts: number; state?: HistoryState; rendered?: { charts: number; points: number; status: string } };
}
const snapshot = () => vscode.commands.executeCommand<Snapshot>('etcdAnalyzer._test.webviews');

suite('History view in VS Code', function () {
  suiteSetup(async function () {
    await activateExtension();
  });

  test('the History view is contributed beside the Cluster view', async () => {
    const pkg = vscode.extensions.all.find((e) => e.packageJSON?.contributes?.views?.etcdAnalyzer)?.packageJSON;
    const ids = (pkg.contributes.views.etcdAnalyzer as { id: string }[]).map((v) => v.id);
    assert.deepEqual(ids.slice(0, 2), ['etcdAnalyzer.dashboard', 'etcdAnalyzer.history']);
    assert.ok((await vscode.commands.getCommands(true)).includes('etcdAnalyzer.openHistory'));
  });

  test('it opens and draws the runs and charts recorded by real analyses', async () => {
    // Two real runs of the dashboard's analyzer, recorded in this editor's history store.
    const name = analyzerFor('dashboard').name;
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r: any = await vscode.commands.executeCommand('etcdAnalyzer.runAnalyzer', { name, input: { duration: '10m' } });
      assert.equal(r?.tool, name);
    }
    const t0 = Date.now();
    await vscode.commands.executeCommand('etcdAnalyzer.openHistory');
    const h = await until('the History view to draw stored runs', async () => {
      const x = (await snapshot()).history;
      return x.state?.status === 'ok' && x.rendered?.status === 'ok' && x.rendered.charts > 0 && x.state.runs.filter((r) => r.tool === name).length >= 2 ? x : undefined;
    }, 90_000);
    ids.push(...h.state!.runs.filter((r) => r.tool === name).map((r) => r.id));
    assert.ok(h.resolved);
    assert.ok(h.state!.charts.some((c) => c.id.startsWith('history_wal_fsync_duration') && c.warning !== undefined), 'WAL fsync chart with its threshold');
    assert.ok(h.rendered!.points >= 2, `${h.rendered!.points} points drawn`);
    assert.ok(h.state!.runs.every((r) => r.headline.length > 0 && Number.isInteger(r.findings)));
    notes.push(`history view: ${h.state!.runs.length} runs, ${h.rendered!.charts} charts drawn ${Date.now() - t0} ms after openHistory`);
    assert.ok(ids.length >= 2);
  });
});
