// package.json must declare exactly the registry's analyzers as language-model tools (VS Code refuses to register
// an undeclared tool) and exactly the chat command table as @etcd slash commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzers } from '../../src/core/analyzers/registry';
import { slashCommandContributions, toolContribution } from '../../scripts/contributions';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const declared: Record<string, any>[] = pkg.contributes?.languageModelTools ?? [];
const fix = 'run `node --import tsx scripts/gen-contributions.ts`';

test('the registry has 15 analyzers with valid, unique tool names', () => {
  assert.equal(analyzers.length, 15);
  assert.equal(new Set(analyzers.map((a) => a.name)).size, 15);
  for (const a of analyzers) assert.match(a.name, /^[a-z0-9_]{1,64}$/, a.name);
});

test('package.json declares the same tools as the registry, in order', () => {
  assert.deepEqual(declared.map((t) => t.name), analyzers.map((a) => a.name), fix);
});

test('each declared tool matches its generated contribution (schema, descriptions, tags)', () => {
  for (const a of analyzers) {
    const t = declared.find((x) => x.name === a.name);
    assert.deepEqual(t, toolContribution(a), `${a.name} differs: ${fix}`);
  }
});

test('every declared tool has the fields VS Code needs', () => {
  for (const t of declared) {
    for (const k of ['name', 'toolReferenceName', 'displayName', 'modelDescription', 'userDescription', 'icon']) {
      assert.ok(typeof t[k] === 'string' && t[k].length > 0, `${t.name}.${k}`);
    }
    assert.equal(t.canBeReferencedInPrompt, true);
    assert.equal(t.inputSchema.type, 'object', `${t.name}.inputSchema.type`);
    assert.deepEqual(t.tags, ['etcd', 'etcd-analyzer']);
  }
});

test('the @etcd participant declares every slash command of the chat table', () => {
  const p = (pkg.contributes?.chatParticipants ?? []).find((x: any) => x.id === 'etcdAnalyzer.etcd');
  assert.ok(p, 'chatParticipants entry etcdAnalyzer.etcd');
  assert.equal(p.name, 'etcd');
  assert.equal(p.isSticky, true);
  assert.deepEqual(p.commands, slashCommandContributions(), fix);
  assert.deepEqual(
    p.commands.map((c: any) => c.name).sort(),
    ['bottlenecks', 'commit', 'compact', 'deep', 'disk', 'general', 'help', 'history', 'network', 'report', 'status', 'wal'],
  );
});

test('every contributed etcd command is in the etcd category and no activation event is "*"', () => {
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'etcd', c.command);
  assert.ok(!(pkg.activationEvents ?? []).includes('*'));
  assert.ok(!(pkg.activationEvents ?? []).includes('onStartupFinished'));
});
