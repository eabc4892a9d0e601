// Writes contributes.languageModelTools and the @etcd participant's slash commands into package.json.
// Usage: node --import tsx scripts/gen-contributions.ts [--check]   (--check: exit 1 when package.json is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { analyzers } from '../src/core/analyzers/registry';
import { slashCommandContributions, toolContribution } from './contributions';

const file = new URL('../package.json', import.meta.url);
const text = readFileSync(file, 'utf8');
const pkg = JSON.parse(text);
pkg.contributes ??= {};
pkg.contributes.languageModelTools = analyzers.map(toolContribution);
const participant = (pkg.contributes.chatParticipants ?? []).find((p: { id: string }) => p.id === 'etcdAnalyzer.etcd');
if (!participant) throw new Error('package.json has no chatParticipants entry with id etcdAnalyzer.etcd');
participant.commands = slashCommandContributions();
const out = JSON.stringify(pkg, null, 2) + '\n';

if (process.argv.includes('--check')) {
  if (out !== text) {
    console.error('package.json contributions are stale: run `node --import tsx scripts/gen-contributions.ts`');
    process.exit(1);
  }
  console.log('package.json contributions match the registry');
} else if (out !== text) {
  writeFileSync(file, out);
  console.log(`package.json: ${analyzers.length} language-model tools, ${participant.commands.length} slash commands`);
} else console.log('package.json already up to date');
