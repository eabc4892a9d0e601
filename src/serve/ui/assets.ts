// The browser pages' static files: the webview bundles (dist/webview) and their CSS (media/), from a fixed list;
// nothing else on disk is reachable. Found beside the built CLI (dist/cli.js → dist/webview, ../media) or, run from
// sources (tsx), in the project's dist/ and media/.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCRIPT_ASSETS = ['browserHost.js', 'dashboard.js', 'report.js', 'history.js', 'chat.js'] as const;
export const STYLE_ASSETS = ['webview.css', 'dashboard.css', 'report.css', 'history.css', 'browser.css', 'chat.css'] as const;
export type AssetName = (typeof SCRIPT_ASSETS)[number] | (typeof STYLE_ASSETS)[number];

function firstDir(candidates: string[], probe: string): string | undefined {
  return candidates.find((d) => existsSync(join(d, probe)));
}

export interface AssetStore {
  /** The file's bytes and content type, or undefined when it is not one of ours or was not built. */
  get(name: string): { body: Buffer; type: string } | undefined;
}

export function createAssetStore(baseDir = __dirname): AssetStore {
  const scriptDir = firstDir([join(baseDir, 'webview'), resolve(baseDir, '../../../dist/webview'), resolve(process.cwd(), 'dist/webview')], 'browserHost.js');
  const styleDir = firstDir([resolve(baseDir, '../media'), resolve(baseDir, '../../../media'), resolve(process.cwd(), 'media')], 'webview.css');
  // Read once: the files are small and never change while the server runs.
  const cache = new Map<string, { body: Buffer; type: string }>();
  return {
    get(name) {
      const isScript = (SCRIPT_ASSETS as readonly string[]).includes(name);
      const isStyle = (STYLE_ASSETS as readonly string[]).includes(name);
      if (!isScript && !isStyle) return undefined;
      const dir = isScript ? scriptDir : styleDir;
      if (!dir) return undefined;
      let hit = cache.get(name);
      if (!hit) {
        const file = join(dir, name);
        if (!existsSync(file)) return undefined;
        hit = { body: readFileSync(file), type: isScript ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8' };
        cache.set(name, hit);
      }
      return hit;
    },
  };
}
