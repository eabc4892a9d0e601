// The @etcd slash commands: each runs analyzers directly (no language model). Built from what the analyzers declare
// (`slash`), in registry order, plus `help`; package.json's copy is generated from this list and checked by a test.
import { analyzers } from '../analyzers/registry';

export interface SlashCommand {
  name: string;
  description: string;
  analyzers: string[];
  /** Follow-up slash commands suggested after this one. */
  followups: string[];
}

function fromRegistry(): SlashCommand[] {
  const commands = new Map<string, SlashCommand>();
  for (const a of analyzers) {
    if (!a.slash) continue;
    const c = commands.get(a.slash.command) ?? { name: a.slash.command, description: '', analyzers: [], followups: [] };
    c.analyzers.push(a.name);
    if (!c.description && a.slash.description) c.description = a.slash.description;
    if (!c.followups.length && a.slash.followups) c.followups = [...a.slash.followups];
    commands.set(c.name, c);
  }
  return [...commands.values()];
}

export const SLASH_COMMANDS: SlashCommand[] = [
  ...fromRegistry(),
  { name: 'help', description: 'What @etcd can do', analyzers: [], followups: ['status', 'bottlenecks'] },
];

export function findSlashCommand(name: string | undefined): SlashCommand | undefined {
  return name ? SLASH_COMMANDS.find((c) => c.name === name) : undefined;
}
