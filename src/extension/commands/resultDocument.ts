// Analyzer results shown as read-only markdown documents (a content provider scheme: untitled docs would be editable
// and prompt to save on close).
import * as vscode from 'vscode';

export const RESULT_SCHEME = 'etcd-analyzer-result';

// Kept on the process, not the module: this file is in both extension bundles (the provider is registered by the
// entry bundle at activation, results are shown by commands of the engine bundle), and each has its own module copy.
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for('etcdAnalyzer.resultDocuments')] ??= {
  contents: new Map<string, string>(),
  counter: 0,
}) as { contents: Map<string, string>; counter: number };
const contents = shared.contents;

export function registerResultDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, {
      provideTextDocumentContent: (uri) => contents.get(uri.path) ?? '_This result is no longer available; run the analyzer again._',
    }),
  );
}

/** Opens markdown in a read-only editor tab; returns the document. Keeps at most 20 results in memory. */
export async function showResultDocument(name: string, markdown: string): Promise<vscode.TextDocument> {
  const path = `/${name}-${++shared.counter}.md`;
  contents.set(path, markdown);
  if (contents.size > 20) contents.delete(contents.keys().next().value as string);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RESULT_SCHEME, path }));
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}
