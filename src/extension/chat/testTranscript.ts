// Extension test mode only: records what @etcd streamed for each request that came through the Chat view, so the
// e2e suite can check answers to real chat requests (the rendered chat DOM is not reachable from the extension host).
import type * as vscode from 'vscode';

export interface TranscriptEntry {
  prompt: string;
  command?: string;
  model?: string;
  markdown: string;
  progress: string[];
  /** Each button as streamed: its command, title and the arguments the command gets back on click. */
  buttons: { command: string; title: string; arguments?: unknown[] }[];
  result?: vscode.ChatResult | void | null;
  done: boolean;
}

export function recordTranscript(handler: vscode.ChatRequestHandler, transcript: TranscriptEntry[]): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const entry: TranscriptEntry = {
      prompt: request.prompt,
      command: request.command,
      model: request.model ? `${request.model.vendor}/${request.model.id}` : undefined,
      markdown: '',
      progress: [],
      buttons: [],
      done: false,
    };
    transcript.push(entry);
    const recording = recordingStream(stream, entry);
    try {
      entry.result = await handler(request, context, recording, token);
      return entry.result;
    } finally {
      entry.done = true;
    }
  };
}

/** A stand-in stream that records and forwards every call. (A Proxy cannot wrap the host's frozen stream object.) */
function recordingStream(stream: vscode.ChatResponseStream, entry: TranscriptEntry): vscode.ChatResponseStream {
  const wrapper: Record<string, unknown> = {};
  for (let o: object | null = stream; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      const fn = (stream as unknown as Record<string, unknown>)[key];
      if (key === 'constructor' || key in wrapper || typeof fn !== 'function') continue;
      wrapper[key] = (...args: any[]) => {
        if (key === 'markdown') entry.markdown += typeof args[0] === 'string' ? args[0] : args[0]?.value ?? '';
        else if (key === 'progress') entry.progress.push(String(args[0]));
        else if (key === 'button') entry.buttons.push({ command: String(args[0]?.command), title: String(args[0]?.title), arguments: args[0]?.arguments });
        const r = fn.apply(stream, args);
        return r === stream ? wrapper : r;
      };
    }
  }
  return wrapper as unknown as vscode.ChatResponseStream;
}
