// The extension's entry bundle (dist/extension.js) must hold only the registrations: anything it imports from the
// engine (analyzers, zod, openai, the MCP SDK, sql.js) is evaluated at every editor start. One import of the
// analyzer registry from a registration file once made it 615 KB. Built in memory here the way esbuild.config.mjs
// builds it (`./engine` in loadEngine.ts stays a run-time require of the engine bundle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

test('the entry bundle imports no engine module and stays under 150 KB minified', async () => {
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/extension/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    write: false,
    metafile: true,
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'engine-apart',
        setup(b) {
          b.onResolve({ filter: /^\.\/engine$/ }, (a) => (a.importer.replace(/\\/g, '/').endsWith('src/extension/loadEngine.ts') ? { path: './extension-engine.js', external: true } : undefined));
        },
      },
    ],
  });
  const inputs = Object.keys(r.metafile.inputs);
  const heavy = inputs.filter((f) => /^src\/core\/(analyzers|analysis|diagnosis|collect|metrics|history|report)\/|node_modules\/(zod|openai|sql\.js|@modelcontextprotocol)\//.test(f));
  assert.deepEqual(heavy, [], 'engine modules in the entry bundle (import them through loadEngine())');
  const bytes = r.outputFiles[0].contents.length;
  assert.ok(bytes <= 150 * 1024, `entry bundle ${bytes} bytes > 150 KB`);
});
