// Builds every face from one config: extension host (cjs, entry + engine bundles), MCP server and CLI (node cjs), webviews (browser iife).
// Usage: node esbuild.config.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, chmodSync, readdirSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // sql.js is loaded lazily from dist/ with its wasm beside it; keep it a real module for locateFile.
  mainFields: ['module', 'main'],
};

/**
 * The extension is two bundles: dist/extension.js (activation: registrations only) and dist/extension-engine.js
 * (everything else), which src/extension/loadEngine.ts requires on first use. This plugin turns that one
 * `require('./engine')` into a run-time require of the second bundle instead of bundling it (CJS has no code
 * splitting in esbuild).
 */
const engineApart = {
  name: 'engine-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith('src/extension/loadEngine.ts') ? { path: './extension-engine.js', external: true } : undefined,
    );
  },
};

const builds = [
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [engineApart],
    // When the bundle started and finished evaluating: activate() reports evaluation + activate() time (the e2e
    // prints it), apart from what the editor does between loading the module and calling activate().
    banner: { js: '"use strict";globalThis.__etcdAnalyzerBundleStart = performance.now();' },
    footer: { js: 'globalThis.__etcdAnalyzerBundleEnd = performance.now();' },
  },
  { ...node, entryPoints: ['src/extension/engine.ts'], outfile: 'dist/extension-engine.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/mcp/main.ts'], outfile: 'dist/mcp-server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    entryPoints: ['webview/dashboard/main.ts', 'webview/report/main.ts', 'webview/reportFile/main.ts', 'webview/history/main.ts', 'webview/browserHost/main.ts', 'webview/chat/main.ts'].filter(existsSync),
    outdir: 'dist/webview',
    entryNames: '[dir]',
  },
].filter((b) => (b.entryPoints ?? []).every(existsSync) && b.entryPoints.length > 0);

function copyAssets() {
  mkdirSync('dist', { recursive: true });
  // A production build writes no source maps: drop stale ones from earlier dev builds so the .vsix stays lean.
  if (production) {
    for (const f of readdirSync('dist', { recursive: true })) if (String(f).endsWith('.map')) rmSync(`dist/${f}`);
  }
  const wasm = 'node_modules/sql.js/dist/sql-wasm.wasm';
  if (existsSync(wasm)) copyFileSync(wasm, 'dist/sql-wasm.wasm');
  for (const f of ['dist/cli.js', 'dist/mcp-server.js']) if (existsSync(f)) chmodSync(f, 0o755);
}

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
  copyAssets();
  console.log('watching…');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyAssets();
  console.log(`built ${builds.length} bundles in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}
