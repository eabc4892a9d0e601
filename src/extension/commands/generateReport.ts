// "etcd: Generate Performance Report" (etcdAnalyzer.generateReport): range → cancellable progress → every analyzer
// in parallel (the report analyzer, which adds the baseline comparison when history is on) → optional AI
// narrative → the report panel → the standalone HTML file (+ .json, .md) saved and offered to open.
// Tests pass the range (and folder) as an argument, so no quick pick or dialog is needed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import type { ReportModel } from '../../core/report/modelTypes';
import { runAnalyzer } from '../../core/analyzers/runAnalyzer';
import { analyzerFor } from '../../core/analyzers/registry';
import { buildReportModel } from '../../core/report/model';
import { writeReportFiles } from '../../core/report/saveReport';
import { abortSignalFor } from '../cancel';
import { readSettings, SECTION } from '../settings';
import { resolveReportFolder } from '../reportFolder';
import { pickReportRange, type ReportRange } from './reportRange';
import { writeReportNarrative } from './reportNarrative';

export interface GenerateReportArgs extends ReportRange {
  /** Folder for the files (default: setting etcdAnalyzer.report.folder, else <workspace>/etcd-reports, else ask). */
  folder?: string;
  /** false: no AI narrative even when a model is available. */
  narrative?: boolean;
  /** false: do not open the report panel. */
  showPanel?: boolean;
  /** false: do not show the "Open File / Reveal" notification (tests). */
  offerOpen?: boolean;
}

export interface GenerateReportOutcome {
  htmlPath: string;
  files: string[];
  status: AnalyzerResult['status'];
  health: ReportModel['summary']['health'];
  members: string[];
  narrative: boolean;
  durationMs: number;
}

/** An explicit folder → the configured one (reportFolder.ts) → a folder the user picks. */
async function reportFolder(explicit: string | undefined): Promise<string | undefined> {
  if (explicit) return path.resolve(explicit);
  const configured = resolveReportFolder();
  if (configured) return configured;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Save report here', title: 'Folder for the etcd report' });
  return picked?.[0]?.fsPath;
}

function rangeInput(r: ReportRange): Record<string, string> {
  return Object.fromEntries(Object.entries({ duration: r.duration, start: r.start, end: r.end }).filter(([, v]) => typeof v === 'string' && v.trim()) as [string, string][]);
}

export async function generateReportCommand(services: ExtensionServices, args: GenerateReportArgs = {}): Promise<GenerateReportOutcome | undefined> {
  if (!services.isConfigured()) {
    const pick = await vscode.window.showWarningMessage('No Prometheus URL is configured: the report has nothing to read.', 'Configure Connection');
    if (pick) await vscode.commands.executeCommand('etcdAnalyzer.configureConnection');
    return undefined;
  }
  const s = readSettings();
  const given = args.duration || args.start || args.end;
  const range = given ? { duration: args.duration, start: args.start, end: args.end } : await pickReportRange(s.defaultDuration);
  if (!range) return undefined;
  const folder = await reportFolder(args.folder);
  if (!folder) return undefined;

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'etcd: performance report', cancellable: true },
    (progress, token) => buildAndSave(services, range, folder, args, progress, token),
  );
  if (!outcome) return undefined;

  if (args.showPanel !== false) {
    await vscode.commands.executeCommand('etcdAnalyzer.openReport', { model: outcome.model }).then(undefined, (err) =>
      services.log.warn(`report panel: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  const { model: _model, ...result } = outcome;
  if (args.offerOpen !== false) void offerToOpen(result);
  return result;
}

async function buildAndSave(
  services: ExtensionServices,
  range: ReportRange,
  folder: string,
  args: GenerateReportArgs,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<(GenerateReportOutcome & { model: ReportModel }) | undefined> {
  const s = readSettings();
  const t0 = Date.now();
  const abort = abortSignalFor(token);
  try {
    progress.report({ message: 'running every analyzer in parallel…' });
    const ctx = await services.createAnalyzerContext(abort.signal, s.historyEnabled);
    const input = rangeInput(range);
    // The report analyzer adds the baseline comparison itself when history is on (the same report every face saves).
    const report = await runAnalyzer(ctx, analyzerFor('report').name, input, { record: s.historyEnabled });
    if (token.isCancellationRequested) return undefined;
    services.log.info(`report: ${report.status} in ${Date.now() - t0} ms, ${report.metrics.length} metrics, ${report.findings.length} findings, ${report.errors.length} failed queries`);
    if (report.status === 'failed') {
      const first = report.errors[0];
      void vscode.window.showErrorMessage(`The etcd report could not read any data: ${first?.message ?? report.summary}${first?.hint ? ` — ${first.hint}` : ''}`);
    }
    const results = [report];
    const model = buildReportModel(results, { cluster: ctx.profile.config.prometheusUrl, profile: s.profile, thresholds: ctx.thresholds });

    let narrative: { text: string; model: string } | undefined;
    const wantNarrative = args.narrative ?? vscode.workspace.getConfiguration(SECTION).get<boolean>('report.aiNarrative', true);
    if (wantNarrative && s.lmProvider !== 'none' && report.status !== 'failed') {
      progress.report({ message: 'asking the language model for an analysis…' });
      narrative = await writeReportNarrative(services, model, token);
      if (token.isCancellationRequested) return undefined;
    }

    progress.report({ message: 'saving…' });
    const version = String(services.extensionContext.extension?.packageJSON?.version ?? '');
    const saved = await writeReportFiles(folder, results, {
      model,
      narrative,
      generator: `etcd Performance Analyzer${version ? ` ${version}` : ''} (VS Code)`,
      assetRoot: services.extensionContext.extensionUri.fsPath,
    });
    const durationMs = Date.now() - t0;
    services.log.info(`report: saved ${saved.html} in ${durationMs} ms total`);
    return {
      htmlPath: saved.html!,
      files: [saved.html, saved.json, saved.md].filter((f): f is string => !!f),
      status: report.status,
      health: model.summary.health,
      members: model.members.rows.map((r) => r.member),
      narrative: !!narrative,
      durationMs,
      model,
    };
  } catch (err) {
    if (token.isCancellationRequested) return undefined;
    const message = err instanceof Error ? err.message : String(err);
    services.log.error(`report failed: ${err instanceof Error ? (err.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(`The etcd report could not be saved in ${folder}: ${message}. Check the folder exists and is writable (setting etcdAnalyzer.report.folder).`);
    return undefined;
  } finally {
    abort.dispose();
  }
}

async function offerToOpen(o: GenerateReportOutcome): Promise<void> {
  const pick = await vscode.window.showInformationMessage(
    `etcd report saved (${o.health}, ${(o.durationMs / 1000).toFixed(1)} s): ${o.htmlPath}`,
    'Open File',
    'Reveal',
  );
  const uri = vscode.Uri.file(o.htmlPath);
  // Open File: the system's browser (the file is made for it: offline charts, print); Reveal: the OS file manager.
  if (pick === 'Open File') await vscode.env.openExternal(uri);
  else if (pick === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', uri);
}
