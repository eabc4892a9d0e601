// What the standalone file inlines: the chart bundle built by esbuild (dist/webview/reportFile.js) and the shared
// webview CSS (media/). Found from the package root, which is searched upwards from this module: src/core/report/html
// under tsx, dist/ in the bundled CLI, MCP server and extension alike.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPORT_BUNDLE = join('dist', 'webview', 'reportFile.js');
export const REPORT_CSS = [join('media', 'webview.css'), join('media', 'report.css')];

export interface ReportAssets {
  /** The chart bundle's JavaScript, or undefined when it is not built (the file then has no charts, and says why). */
  script?: string;
  /** Why `script` is missing. */
  scriptProblem?: string;
  css: string;
}

/** The package root: the nearest folder up from here holding media/webview.css (or a package.json with a dist/). */
export function findPackageRoot(from = __dirname): string | undefined {
  let dir = resolve(from);
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'media', 'webview.css')) || existsSync(join(dir, REPORT_BUNDLE))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

const cache = new Map<string, { mtimeMs: number; text: string }>();

function readCached(file: string): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.text;
  const text = readFileSync(file, 'utf8');
  cache.set(file, { mtimeMs: st.mtimeMs, text });
  return text;
}

/** Reads the assets (cached until the files change). `root` overrides the package root (tests, the extension's URI). */
export function loadReportAssets(root = findPackageRoot()): ReportAssets {
  if (!root) return { css: '', scriptProblem: 'the extension/CLI package folder (with dist/ and media/) was not found' };
  const bundle = join(root, REPORT_BUNDLE);
  const script = readCached(bundle);
  const css = REPORT_CSS.map((f) => readCached(join(root, f)) ?? '').join('\n');
  return script === undefined
    ? { css, scriptProblem: `the chart bundle ${bundle} is missing: run "npm run build"` }
    : { css, script };
}
