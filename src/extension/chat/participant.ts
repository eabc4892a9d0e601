// Registers the sticky @etcd chat participant (declared in package.json contributes.chatParticipants).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { loadEngine } from '../loadEngine';
import { recordTranscript, type TranscriptEntry } from './testTranscript';

export const PARTICIPANT_ID = 'etcdAnalyzer.etcd';

export interface ChatRegistration {
  handler: vscode.ChatRequestHandler;
  /** Requests that came through the Chat view; recorded in extension test mode only. */
  transcript: TranscriptEntry[];
}

export function registerChatParticipant(context: vscode.ExtensionContext, services: ExtensionServices): ChatRegistration {
  // The handler (analyzers, the model loop, openai) comes from the engine bundle on the first request.
  let real: vscode.ChatRequestHandler | undefined;
  const handler: vscode.ChatRequestHandler = (request, chatContext, stream, token) =>
    (real ??= loadEngine().createChatHandler(services))(request, chatContext, stream, token);
  const transcript: TranscriptEntry[] = [];
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, testMode ? recordTranscript(handler, transcript) : handler);
  participant.iconPath = new vscode.ThemeIcon('pulse');
  participant.followupProvider = {
    provideFollowups(result) {
      const md = (result.metadata ?? {}) as { command?: string; welcome?: boolean; cancelled?: boolean };
      if (md.welcome || md.cancelled) return [];
      // A follow-up comes after an answer, so the engine (which holds the slash commands' list) is loaded by then.
      const next = (md.command ? loadEngine().findSlashCommand(md.command)?.followups : undefined) ?? ['bottlenecks', 'status'];
      return next.map((name) => ({ prompt: '', command: name, label: `/${name}` }));
    },
  };
  context.subscriptions.push(
    participant,
    participant.onDidReceiveFeedback((f) => services.log.info(`chat feedback: ${f.kind === vscode.ChatResultFeedbackKind.Helpful ? 'helpful' : 'unhelpful'}`)),
  );
  return { handler, transcript };
}
