// Maps `report --out PATH` (and `npm run demo`) onto the shared report writer in core/report/saveReport.ts:
//   PATH.html / PATH.md / PATH.json → exactly that file;  anything else → a directory with .html, .json and .md.
import { basename, dirname, extname } from 'node:path';
import type { Thresholds } from '../core/analysis/thresholds';
import type { AnalyzerResult } from '../core/types';
import { writeReportFiles as saveReportFiles, writeReportHtml, type SavedReport } from '../core/report/saveReport';

export interface ReportFileMeta {
  cluster?: string;
  profile?: string;
  thresholds?: Thresholds;
  /** File name without extension inside a directory (default: etcd-report-<cluster>-<timestamp>). */
  baseName?: string;
}

/** Writes the report; returns the paths written (html first). */
export async function writeReportFiles(result: AnalyzerResult, out: string, meta: ReportFileMeta = {}): Promise<string[]> {
  const ext = extname(out).toLowerCase();
  const opts = { meta: { cluster: meta.cluster, profile: meta.profile, thresholds: meta.thresholds } };
  let saved: SavedReport;
  if (ext === '.html' || ext === '.htm') {
    saved = await writeReportHtml(out, result, opts);
  } else if (ext === '.md' || ext === '.json') {
    saved = await saveReportFiles(dirname(out), result, { ...opts, baseName: basename(out, extname(out)), formats: [ext === '.md' ? 'md' : 'json'] });
  } else {
    saved = await saveReportFiles(out, result, { ...opts, baseName: meta.baseName });
  }
  return [saved.html, saved.json, saved.md].filter((f): f is string => !!f);
}
