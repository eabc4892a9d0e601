// The dashboard view and the report panel in a real VS Code (code-server) against the live test bed: they open,
// the host posts live data, and the webview reports back what it drew (members, charts, points after decimation).
// The internal command etcdAnalyzer._test.webviews (registered in extension test mode only) returns both sides.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, notes, until } from './activation';
import type { DashboardState, RenderedMessage, ReportModel } from '../../src/webview-contract/messages';

interface Snapshot {
  dashboard: { resolved: boolean; visible: boolean; posts: number; state?: DashboardState; rendered?: RenderedMessage };
  report: { open: boolean; visible: boolean; posts: number; model?: ReportModel; rendered?: RenderedMessage };
}
const snapshot = () => vscode.commands.executeCommand<Snapshot>('etcdAnalyzer._test.webviews');
const cfg = () => vscode.workspace.getConfiguration('etcdAnalyzer');

suite('webviews in VS Code', function () {
  suiteSetup(async function () {
    await activateExtension();
  });

  test('the commands and the view are contributed', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['etcdAnalyzer.openDashboard', 'etcdAnalyzer.openReport', 'etcdAnalyzer.refreshDashboard']) assert.ok(all.includes(c), c);
    const pkg = vscode.extensions.all.find((e) => e.packageJSON?.contributes?.views?.etcdAnalyzer)?.packageJSON;
    assert.equal(pkg.contributes.views.etcdAnalyzer[0].id, 'etcdAnalyzer.dashboard');
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:etcdAnalyzer.report'));
  });

  test('the dashboard opens in the sidebar and draws live data', async () => {
    const t0 = Date.now();
    await vscode.commands.executeCommand('etcdAnalyzer.openDashboard');
    const s = await until('the dashboard to draw live data', async () => {
      const x = (await snapshot()).dashboard;
      return x.state?.status === 'ok' && x.rendered?.status === 'ok' && x.rendered.points > 0 ? x : undefined;
    }, 90_000);
    assert.ok(s.visible);
    assert.ok(s.state!.members.length >= 3, 'three members');
    assert.equal(s.state!.members.filter((m) => m.isLeader).length, 1, 'one leader from etcd');
    assert.ok(s.state!.members.every((m) => m.walFsyncP99.value !== null || m.cpuPercent.value !== null), 'live numbers per member');
    assert.equal(s.rendered!.members, s.state!.members.length, 'the webview drew every member row');
    assert.ok(s.rendered!.charts >= 4, `${s.rendered!.charts} charts drawn`);
    notes.push(`dashboard: first live state drawn ${Date.now() - t0} ms after openDashboard (${s.rendered!.charts} charts, ${s.rendered!.points} points)`);
  });

  test('refreshDashboard posts a newer state', async () => {
    const before = (await snapshot()).dashboard;
    const state = await vscode.commands.executeCommand<DashboardState>('etcdAnalyzer.refreshDashboard');
    assert.equal(state.status, 'ok');
    assert.ok(Date.parse(state.lastUpdated!) > Date.parse(before.state!.lastUpdated!));
    const after = await until('the new state to be posted', async () => {
      const x = (await snapshot()).dashboard;
      return x.posts > before.posts ? x : undefined;
    });
    assert.equal(after.state!.lastUpdated, state.lastUpdated);
  });

  test('without a Prometheus URL the dashboard says "not configured", and recovers', async () => {
    const old = cfg().inspect('prometheus.url')?.workspaceValue;
    try {
      await cfg().update('prometheus.url', '', vscode.ConfigurationTarget.Workspace);
      const s = await vscode.commands.executeCommand<DashboardState>('etcdAnalyzer.refreshDashboard');
      assert.equal(s.status, 'not_configured');
      await until('the webview to draw the not-configured state', async () => ((await snapshot()).dashboard.rendered?.status === 'not_configured' ? true : undefined));
    } finally {
      await cfg().update('prometheus.url', old, vscode.ConfigurationTarget.Workspace);
    }
    const s = await vscode.commands.executeCommand<DashboardState>('etcdAnalyzer.refreshDashboard');
    assert.equal(s.status, 'ok');
  });

  test('etcdAnalyzer.openReport opens the report panel and draws live data', async () => {
    const t0 = Date.now();
    await vscode.commands.executeCommand('etcdAnalyzer.openReport', { duration: '15m' });
    const r = await until('the report to draw', async () => {
      const x = (await snapshot()).report;
      return x.model && x.rendered && x.rendered.charts > 0 ? x : undefined;
    }, 90_000);
    assert.ok(r.open);
    assert.equal(r.model!.meta.range.duration, '15m');
    assert.ok(r.model!.members.rows.length >= 3);
    assert.ok(r.model!.keyMetrics.length > 5);
    assert.equal(r.rendered!.members, r.model!.members.rows.length);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('etcdAnalyzer.report'));
    assert.ok(tab, 'a report tab is open');
    notes.push(`report panel: drawn ${Date.now() - t0} ms after openReport 15m (${r.rendered!.charts} charts, ${r.rendered!.points} points)`);
  });

  test('openReport with results renders them without querying', async () => {
    const before = (await snapshot()).report.posts;
    const results = [
      {
        tool: 'get_etcd_bottleneck_analysis',
        title: 'Bottlenecks',
        summary: 'one finding',
        status: 'ok',
        range: { start: new Date(Date.now() - 3600_000).toISOString(), end: new Date().toISOString(), duration: '1h', stepSeconds: 5 },
        metrics: [],
        findings: [{ id: 'x:<b>m9</b>', rule: 'x', category: 'disk', severity: 'warning', member: '<b>m9</b>', title: 'Given finding', evidence: [], rootCause: 'c', recommendation: 'r' }],
        errors: [],
      },
    ];
    await vscode.commands.executeCommand('etcdAnalyzer.openReport', { results });
    const r = await until('the given report to be drawn', async () => {
      const x = (await snapshot()).report;
      return x.posts > before && x.model?.bottlenecks[0]?.title === 'Given finding' && x.rendered?.members === 0 ? x : undefined;
    });
    assert.equal(r.model!.summary.health, 'degraded');
  });
});
