// The package.json contributions derived from code: the 15 language-model tools (from the analyzer registry) and
// the @etcd slash commands (from the chat command table). Used by gen-contributions.ts and its unit test.
import { z } from 'zod';
import type { Analyzer } from '../src/core/analyzers/types';
import { SLASH_COMMANDS } from '../src/core/chat/slashCommands';

export const TOOL_TAGS = ['etcd', 'etcd-analyzer'];

export function toolContribution(a: Analyzer): Record<string, unknown> {
  const { $schema: _drop, ...inputSchema } = z.toJSONSchema(a.inputSchema) as Record<string, unknown>;
  return {
    name: a.name,
    toolReferenceName: a.name,
    displayName: a.title,
    modelDescription: a.description,
    userDescription: firstSentence(a.description),
    canBeReferencedInPrompt: true,
    icon: '$(pulse)',
    tags: TOOL_TAGS,
    inputSchema,
  };
}

export function slashCommandContributions(): { name: string; description: string }[] {
  return SLASH_COMMANDS.map((c) => ({ name: c.name, description: c.description }));
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](\s|$)/s.exec(text);
  return (m ? m[0] : text).trim();
}
