// The history store is opened on first use (sql.js + WASM are slow to load): never at activation.
import * as vscode from 'vscode';
import type { HistoryPort } from '../core/history/port';
import type { Settings } from './settings';
import { channelLogger } from './log';
import { loadEngine } from './loadEngine';

export interface LazyHistory {
  /** The open store, or undefined when history is disabled or could not be opened (logged once). */
  get(settings: Settings): Promise<HistoryPort | undefined>;
  close(): Promise<void>;
}

export function lazyHistory(storageUri: vscode.Uri, wasmDir: string, log: vscode.LogOutputChannel): LazyHistory {
  let opening: Promise<HistoryPort | undefined> | undefined;
  return {
    get(settings) {
      if (!settings.historyEnabled) return Promise.resolve(undefined);
      opening ??= open(storageUri, wasmDir, settings, log);
      return opening;
    },
    async close() {
      const store = await opening?.catch(() => undefined);
      opening = undefined;
      await store?.close().catch(() => undefined);
    },
  };
}

async function open(storageUri: vscode.Uri, wasmDir: string, s: Settings, log: vscode.LogOutputChannel): Promise<HistoryPort | undefined> {
  const t0 = Date.now();
  try {
    await vscode.workspace.fs.createDirectory(storageUri);
    const file = vscode.Uri.joinPath(storageUri, 'history.sqlite').fsPath;
    // From the engine bundle (sql.js and the store are in it), loaded on this first use.
    const { openHistoryStore } = loadEngine();
    const store = await openHistoryStore(file, {
      retentionDays: s.historyRetentionDays,
      maxSizeMB: s.historyMaxSizeMB,
      wasmDir,
      log: channelLogger(log),
    });
    log.info(`history store opened (${file}) in ${Date.now() - t0} ms`);
    return store;
  } catch (err) {
    log.error(`history store could not be opened; runs are not recorded: ${(err as Error)?.message ?? err}`);
    return undefined;
  }
}
