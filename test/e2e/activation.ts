// Activates the extension once for all e2e files (each is its own bundle, so state lives on globalThis) and records
// how long activation took: the activate() body as measured inside, and the wall time of ext.activate().
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { TestHooks } from '../../src/extension/extension';

export const EXT_ID = 'etcd-analyzer.etcd-performance-analyzer';
const BASELINE_ID = 'etcd-analyzer-test.activation-baseline';
const g = globalThis as { __etcdE2eHooks?: Promise<TestHooks>; __etcdE2eNotes?: string[] };
export const notes: string[] = (g.__etcdE2eNotes ??= []);

export function activateExtension(): Promise<TestHooks> {
  g.__etcdE2eHooks ??= (async () => {
    const ext = vscode.extensions.getExtension<TestHooks>(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is loaded`);
    const wasActive = ext.isActive;
    // The editor's own cost of activating an extension (building its context and storage over the renderer
    // connection), measured on an empty extension first: the first activation in an extension host also pays the
    // host's one-time set-up, which is not the bundle's either way.
    const empty = vscode.extensions.getExtension(BASELINE_ID);
    let emptyMs: number | undefined;
    if (empty && !empty.isActive && !wasActive) {
      const e0 = performance.now();
      await empty.activate();
      emptyMs = performance.now() - e0;
    }
    const t0 = performance.now();
    const hooks = (await ext.activate()) as TestHooks;
    const wall = performance.now() - t0;
    assert.ok(hooks?.chatHandler, 'activate() returns the test hooks in test mode');
    if (!wasActive) assert.equal(hooks.engineLoadedAtActivation, false, 'activation loads only the entry bundle, not the engine');
    const line = `activation: activate() body ${hooks.activationMs.toFixed(1)} ms; bundle evaluation + activate() ${hooks.loadAndActivateMs?.toFixed(1) ?? '?'} ms (target ≤ 50); ext.activate() ${wall.toFixed(1)} ms wall${wasActive ? ' (was already active)' : ''}, an empty extension's ${emptyMs?.toFixed(1) ?? '?'} ms; VS Code ${vscode.version}`;
    notes.push(line);
    console.log(`[e2e] ${line}`);
    // For `npm run bench`'s table (performance.bench.ts): the editor's own figure, with when and under what load.
    if (!wasActive) {
      try {
        const dir = join(ext.extensionPath, 'test-results');
        mkdirSync(dir, { recursive: true });
        const figure = { at: new Date().toISOString(), vscode: vscode.version, extActivateMs: wall, emptyExtActivateMs: emptyMs ?? null, bundleAndActivateMs: hooks.loadAndActivateMs ?? null, activateBodyMs: hooks.activationMs, load1: loadavg()[0] };
        writeFileSync(join(dir, 'e2e-activation.json'), `${JSON.stringify(figure)}\n`);
      } catch (err) {
        console.log(`[e2e] activation figure not written: ${(err as Error).message}`);
      }
    }
    return hooks;
  })();
  return g.__etcdE2eHooks;
}

export async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
