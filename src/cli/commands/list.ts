// `etcd-analyzer list`: the registry, as a table or as JSON (name, title, description, JSON schema of the input).
import { z } from 'zod';
import { analyzers } from '../../core/analyzers/registry';
import type { CliArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIo } from '../io';
import { columns } from '../output';

export function listCommand(args: CliArgs, io: CliIo): number {
  if (args.format === 'json') {
    const tools = analyzers.map((a) => ({ name: a.name, title: a.title, description: a.description, inputSchema: z.toJSONSchema(a.inputSchema) }));
    io.stdout(`${JSON.stringify(tools, null, 2)}\n`);
    return EXIT.ok;
  }
  if (args.format === 'markdown') {
    io.stdout(analyzers.map((a) => `- \`${a.name}\` — ${a.title}`).join('\n') + '\n');
    return EXIT.ok;
  }
  io.stdout(columns([['TOOL', 'WHAT IT RETURNS'], ...analyzers.map((a) => [a.name, a.title])]).join('\n') + '\n');
  io.stdout('\nRun one: etcd-analyzer run <tool> --prometheus URL [--duration 1h] [--member m1] [--format json]\n');
  return EXIT.ok;
}
