// Saves a finished report as files: `etcd-report-<cluster>-<timestamp>.html` (+ .json, .md) in a folder, each
// written atomically (temp file + rename: a reader never sees half a report). Used by the report command, the
// generate_etcd_performance_report tool (through ctx.reportWriter), the CLI and `npm run demo`.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AnalyzerResult } from '../types';
import type { ReportWriter } from '../analyzers/types';
import { writeFileAtomic } from '../util/atomicWrite';
import { buildReportModel, type ReportMetaInput } from './model';
import type { ReportModel } from './modelTypes';
import { renderReportMarkdown } from './markdown';
import { renderReportHtml, type ReportHtmlOptions } from './html/index';
import { redactUrl } from '../util/redact';
import { checkDirTarget, checkFileTarget } from '../util/safePath';

/** Reports are documents to open and share (a browser, a colleague): ordinary file permissions, unlike history. */
const REPORT_FILE_MODE = 0o644;

export interface SaveReportOptions extends ReportHtmlOptions {
  /** Model metadata (cluster, profile, thresholds...) when the model is built here. */
  meta?: ReportMetaInput;
  /** A model already built (e.g. shown in the report panel): rendered as is. */
  model?: ReportModel;
  /** File name without extension (default `etcd-report-<cluster>-<timestamp>`). */
  baseName?: string;
  /** Which files to write (default all three). */
  formats?: readonly ('html' | 'json' | 'md')[];
}

export interface SavedReport {
  html?: string;
  json?: string;
  md?: string;
  model: ReportModel;
}

/** `http://prom.example:9090/` → `prom.example-9090`: safe in a file name on every OS, bounded length. */
export function clusterSlug(cluster: string | undefined): string {
  const s = redactUrl(String(cluster ?? ''))
    .replace(/[?#].*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return s || 'cluster';
}

/** `2026-11-24T18:16:01.295Z` → `20261124-181601` (UTC). */
export function fileTimestamp(iso: string): string {
  const d = new Date(iso);
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  return t.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export function reportBaseName(model: ReportModel): string {
  return `etcd-report-${clusterSlug(model.meta.cluster)}-${fileTimestamp(model.meta.generatedAt)}`;
}

/** Renders and writes the report files into `dir` (created when missing). Returns the paths written and the model. */
export async function writeReportFiles(
  dir: string,
  input: AnalyzerResult | readonly AnalyzerResult[],
  opts: SaveReportOptions = {},
): Promise<SavedReport> {
  const results = Array.isArray(input) ? (input as readonly AnalyzerResult[]) : [input as AnalyzerResult];
  const model = opts.model ?? buildReportModel(results, opts.meta);
  const formats = new Set(opts.formats ?? ['html', 'json', 'md']);
  const base = opts.baseName ?? reportBaseName(model);
  checkDirTarget(dir, 'report folder');
  for (const ext of formats) checkFileTarget(join(dir, `${base}.${ext}`), 'report file');
  await mkdir(dir, { recursive: true });
  const out: SavedReport = { model };
  const jobs: Promise<void>[] = [];
  const write = (ext: 'html' | 'json' | 'md', text: () => string) => {
    if (!formats.has(ext)) return;
    const file = join(dir, `${base}.${ext}`);
    out[ext] = file;
    jobs.push(writeFileAtomic(file, Buffer.from(text(), 'utf8'), REPORT_FILE_MODE));
  };
  write('html', () => renderReportHtml(model, opts));
  write('json', () => `${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  write('md', () => renderReportMarkdown(model, opts));
  await Promise.all(jobs);
  return out;
}

/** Writes only the HTML report to exactly `file` (CLI `--out report.html`). */
export async function writeReportHtml(file: string, input: AnalyzerResult | readonly AnalyzerResult[], opts: SaveReportOptions = {}): Promise<SavedReport> {
  const results = Array.isArray(input) ? (input as readonly AnalyzerResult[]) : [input as AnalyzerResult];
  const model = opts.model ?? buildReportModel(results, opts.meta);
  checkFileTarget(file, 'report file');
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, Buffer.from(renderReportHtml(model, opts), 'utf8'), REPORT_FILE_MODE);
  return { html: file, model };
}

/**
 * The ctx.reportWriter of the report analyzer: saves the combined result in `dir` and returns
 * the HTML file's path (the tool puts it in data.htmlPath and its summary).
 */
export function createFileReportWriter(dir: string, opts: SaveReportOptions = {}): ReportWriter {
  return {
    async write(result, signal) {
      signal?.throwIfAborted();
      const saved = await writeReportFiles(dir, result, opts);
      return { path: saved.html ?? saved.json ?? saved.md ?? dir };
    },
  };
}
