// Run in a fresh node process by activation.bench.ts: loads a built extension bundle the way the extension host does
// (require, then activate(context)) with `vscode` answered by a stand-in whose every member is a callable no-op, and
// prints one JSON line: require ms, activate ms, and whether the engine bundle was loaded by then.
//   node scripts/bench/lib/activationProbe.cjs <dist/extension.js> <extensionRoot>
'use strict';
const Module = require('node:module');
const path = require('node:path');

/** A value that is at once an object, a function and a constructor, whose every property is another such value. */
function anything(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'then') return undefined; // not a promise
      if (prop === 'dispose') return () => {};
      return anything(`${name}.${String(prop)}`);
    },
    apply: () => anything(`${name}()`),
    construct: () => anything(`new ${name}`),
    set: () => true,
  });
}
// A plain object (bundles copy the module's own keys): the namespaces and classes the extension touches.
const vscode = {
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
};
for (const name of ['window', 'workspace', 'commands', 'lm', 'chat', 'env', 'extensions', 'languages', 'Uri', 'EventEmitter', 'ThemeIcon',
  'ThemeColor', 'MarkdownString', 'McpStdioServerDefinition', 'CancellationTokenSource', 'Disposable', 'ViewColumn', 'ProgressLocation',
  'ChatResultFeedbackKind', 'LanguageModelToolResult', 'LanguageModelTextPart', 'LanguageModelChatMessage', 'LanguageModelChatMessageRole',
  'LanguageModelToolCallPart', 'LanguageModelToolResultPart', 'ChatResponseMarkdownPart', 'Range', 'Position']) {
  vscode[name] = anything(`vscode.${name}`);
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const [bundle, root] = process.argv.slice(2);
const pkg = require(path.resolve(root, 'package.json'));
const context = new Proxy(
  {
    subscriptions: [],
    extensionMode: 1,
    extension: { packageJSON: pkg },
    asAbsolutePath: (p) => path.resolve(root, p),
    extensionUri: anything('extensionUri'),
    globalStorageUri: anything('globalStorageUri'),
  },
  { get: (t, prop) => (prop in t ? t[prop] : anything(`context.${String(prop)}`)) },
);

const t0 = performance.now();
const ext = require(path.resolve(bundle));
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
const engineLoaded = Object.keys(require.cache).some((f) => /extension-engine\.js$/.test(f));
console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, engineLoaded, registrations: context.subscriptions.length }));
process.exit(0);
