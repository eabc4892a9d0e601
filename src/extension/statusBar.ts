// Status bar: cluster health and leader, refreshed on etcdAnalyzer.refreshIntervalSeconds.
// The first refresh runs a while after activation, so activation itself never touches the network.
import * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import type { AnalyzerResult } from '../core/types';
import { readSettings } from './settings';
import { loadEngine } from './loadEngine';
import { escapeMarkdown } from '../core/util/markdownEscape';

const FIRST_TICK_DELAY_MS = 5_000;
export const STATUS_CLICK_COMMAND = 'etcdAnalyzer.statusBarClick';

export interface StatusBarHandle {
  refresh(): Promise<void>;
  /** Current text, for tests. */
  text(): string;
}

export function registerStatusBar(context: vscode.ExtensionContext, services: ExtensionServices): StatusBarHandle {
  const item = vscode.window.createStatusBarItem('etcdAnalyzer.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'etcd cluster health';
  item.command = STATUS_CLICK_COMMAND;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const refresh = (): Promise<void> => (running ??= tick().finally(() => (running = undefined)));

  async function tick(): Promise<void> {
    if (!services.isConfigured()) {
      item.text = '$(plug) etcd: not configured';
      item.tooltip = 'Click to configure the Prometheus connection';
      item.show();
      return;
    }
    item.text = '$(sync~spin) etcd';
    item.show();
    let view: StatusView;
    try {
      view = describeStatus(await services.runAnalyzer(loadEngine().analyzerFor('cluster_status').name, {}, undefined, { record: false }));
    } catch (err) {
      // runAnalyzer returns failures as results; this is the last resort so the item never keeps spinning.
      view = { text: '$(error) etcd: error', tooltip: `etcd: ${escapeMarkdown((err as Error)?.message ?? String(err))}`, warning: 'error' };
    }
    item.text = view.text;
    item.tooltip = new vscode.MarkdownString(view.tooltip);
    item.backgroundColor = view.warning ? new vscode.ThemeColor(`statusBarItem.${view.warning}Background`) : undefined;
  }

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await refresh().catch((e) => services.log.warn(`status bar refresh failed: ${(e as Error)?.message ?? e}`));
      schedule(readSettings().refreshIntervalSeconds * 1000);
    }, delayMs);
  };

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(STATUS_CLICK_COMMAND, () =>
      vscode.commands.executeCommand(services.isConfigured() ? 'etcdAnalyzer.openDashboard' : 'etcdAnalyzer.configureConnection'),
    ),
    services.onDidChangeConnection(() => schedule(1_000)),
    { dispose: () => clearTimeout(timer) },
  );
  schedule(FIRST_TICK_DELAY_MS);
  return { refresh, text: () => item.text };
}

interface StatusView {
  text: string;
  tooltip: string;
  warning?: 'warning' | 'error';
}

/** Health from the result's findings and status; leader from the result's data or the is_leader metric. */
export function describeStatus(r: AnalyzerResult): StatusView {
  if (r.status === 'failed' || r.status === 'unavailable') {
    return { text: '$(error) etcd: unreachable', tooltip: `etcd: ${escapeMarkdown(r.summary)}`, warning: 'error' };
  }
  const leader = leaderOf(r);
  const critical = r.findings.some((f) => f.severity === 'critical');
  const warning = r.findings.some((f) => f.severity === 'warning');
  // No findings is not "healthy" when the diagnosis could not judge the signals it needs.
  const unjudged = !critical && !warning && r.diagnosis?.verdict === 'unknown';
  const health = critical ? 'critical' : warning ? 'degraded' : unjudged ? 'not judged' : 'healthy';
  const icon = critical ? '$(error)' : warning ? '$(warning)' : unjudged ? '$(question)' : '$(pass)';
  return {
    text: `${icon} etcd ${health}${leader ? ` · leader ${leader}` : ''}`,
    // Member names and the summary come from labels (data): escaped for the MarkdownString.
    tooltip: `**etcd ${health}**${leader ? ` — leader ${escapeMarkdown(leader)}` : ''}\n\n${escapeMarkdown(r.summary)}\n\n_Click for the dashboard._`,
    warning: critical ? 'error' : warning ? 'warning' : undefined,
  };
}

function leaderOf(r: AnalyzerResult): string | undefined {
  const d = (r.data ?? {}) as Record<string, any>;
  const fromData = d.leaderName ?? d.leader ?? d.status?.leaderName ?? d.cluster?.leaderName;
  if (typeof fromData === 'string' && fromData) return fromData;
  const m = r.metrics.find((x) => x.metric === 'is_leader' && (x.stats.latest ?? x.stats.max) === 1);
  return m?.member;
}
