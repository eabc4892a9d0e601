// The @etcd request handler: help and welcome need nothing; slash commands run analyzers; free text goes to a model.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { findSlashCommand } from '../../core/chat/slashCommands';
import { streamHelp, streamWelcome } from './welcome';
import { streamAnalyzers } from './streamResults';
import { streamViewButtons } from './viewButtons';
import { reportWindowOf } from './reportWindow';
import { answerFreeQuestion } from './freeQuestion';

export function createChatHandler(services: ExtensionServices): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const slash = findSlashCommand(request.command);
    if (slash?.name === 'help') return streamHelp(stream);
    if (!services.isConfigured()) return streamWelcome(stream);
    if (slash) {
      const { runs, results, cancelled } = await streamAnalyzers(services, slash.analyzers, request.prompt, stream, token);
      if (!cancelled) streamViewButtons(stream, { report: true, window: reportWindowOf(results) });
      return { metadata: { command: slash.name, runs, cancelled } };
    }
    if (!request.prompt.trim()) return streamHelp(stream);
    return answerFreeQuestion(services, request, context, stream, token);
  };
}
