// Bundles test/e2e/index.ts and every test/e2e/*.test.ts into out/e2e/*.js (cjs, for the extension host).
// `vscode` is provided by the host; mocha is resolved from the project's node_modules at run time.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const entries = readdirSync('test/e2e')
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => `test/e2e/${f}`);
rmSync('out/e2e', { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries,
  outdir: 'out/e2e',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`bundled ${entries.length} e2e files into out/e2e/`);
