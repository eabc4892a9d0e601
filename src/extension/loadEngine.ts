// The extension's heavy half (the engine, zod, openai, sql.js, the views and commands' implementations) is a separate
// bundle, dist/extension-engine.js, loaded here on first use: activation then loads only dist/extension.js, which
// registers the participant, tools, views and commands. esbuild.config.mjs rewrites `./engine` to that bundle (kept
// external); from sources (tsx, unit tests) it is the module itself.
import type * as Engine from './engine';

export type EngineModule = typeof Engine;

let loaded: EngineModule | undefined;
let loadMs: number | undefined;

export function loadEngine(): EngineModule {
  if (!loaded) {
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('./engine') as EngineModule;
    loadMs = performance.now() - t0;
  }
  return loaded;
}

/** How long the first load took (ms), or undefined while it has not happened (activation must leave it so). */
export function engineLoadMs(): number | undefined {
  return loadMs;
}
