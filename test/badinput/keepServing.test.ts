// The server-wide guard: an exception thrown outside any promise chain (as node-fetch 3.3.2 does on a followed
// 307) and an unhandled rejection are logged, and the process keeps running. Run in a child so a failure of the
// guard cannot take the test runner down with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/mcpServerProcess';

const run = promisify(execFile);

test('an uncaught exception and an unhandled rejection do not end a guarded process', async () => {
  const script = `
    const { keepServing } = require('./src/mcp/keepServing.ts');
    const lines = [];
    keepServing({ trace() {}, debug() {}, info() {}, warn() {}, error: (m) => lines.push(m) });
    setImmediate(() => { throw new TypeError("Cannot read properties of undefined (reading 'body') Bearer abcdef123456"); });
    Promise.reject(new Error('nobody awaited me'));
    setTimeout(() => { process.stdout.write(JSON.stringify(lines)); }, 200);
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT });
  const lines = JSON.parse(stdout) as string[];
  assert.equal(lines.length, 2, stdout);
  assert.ok(lines.some((l) => /uncaught exception inside a call, kept serving: .*reading 'body'/.test(l)));
  assert.ok(lines.some((l) => /unhandled rejection inside a call, kept serving: nobody awaited me/.test(l)));
  assert.ok(!stdout.includes('abcdef123456'), 'a token in the error text is redacted in the log');
});
