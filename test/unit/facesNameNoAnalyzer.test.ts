// Faces loop over the registry or ask for a role; an analyzer's name written in a face would silently break when
// the analyzer is renamed or removed. This reads every face source file and fails on any registered name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzerFor, analyzerNames, analyzers, ROLES } from '../../src/core/analyzers/registry';
import { SLASH_COMMANDS } from '../../src/core/chat/slashCommands';
import { PROJECT_ROOT, sourceFiles } from '../helpers/sourceFiles';

const ROOT = PROJECT_ROOT;
/**
 * Faces, the views they feed and the scripts users run (demo, contributions). The engine's analyzers (and the report
 * model's one documented constant) may name analyzers; so may tests, benches and the fault suite, which pick what to measure.
 */
const FACE_DIRS = ['src/extension', 'src/mcp', 'src/cli', 'src/webview-contract', 'webview', 'scripts', 'src/serve/ui'];
const NOT_FACES = [join('scripts', 'bench'), join('scripts', 'faults')];

test('no face names an analyzer', () => {
  const offenders: string[] = [];
  for (const dir of FACE_DIRS) {
    for (const file of sourceFiles(dir)) {
      if (NOT_FACES.some((d) => relative(ROOT, file).startsWith(d))) continue;
      const text = readFileSync(file, 'utf8');
      for (const name of analyzerNames) if (new RegExp(`\\b${name}\\b`).test(text)) offenders.push(`${relative(ROOT, file)}: ${name}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('every role a face relies on is held by exactly one analyzer', () => {
  for (const role of ROLES) {
    const holders = analyzers.filter((a) => a.roles?.includes(role));
    assert.equal(holders.length, 1, `role ${role}: ${holders.map((a) => a.name).join(', ') || 'none'}`);
    assert.equal(analyzerFor(role), holders[0]);
  }
});

test('every analyzer describes itself: a topic, and a way in from chat (slash command or keywords) unless it is platform-specific', () => {
  for (const a of analyzers) {
    assert.ok(a.topic.length > 5, `${a.name} topic`);
    if (a.slash?.followups) for (const f of a.slash.followups) assert.ok(SLASH_COMMANDS.some((c) => c.name === f), `${a.name} follow-up /${f} exists`);
  }
  const reachable = analyzers.filter((a) => a.slash || a.keywords).length;
  assert.ok(reachable >= analyzers.length - 1, 'at most one analyzer (cluster info) has no chat route');
  for (const c of SLASH_COMMANDS) if (c.name !== 'help') assert.ok(c.description, `/${c.name} has a description`);
});

test('the analyzers that read only stored runs skip Prometheus and are not recorded into their own trends', () => {
  const historyOnly = analyzers.filter((a) => a.needsPrometheus === false);
  assert.ok(historyOnly.length >= 1);
  for (const a of historyOnly) {
    assert.equal(a.ownTimeSpan, true, `${a.name} reads its own span`);
    assert.equal(a.recorded, false, `${a.name} is not recorded`);
  }
});
