// The model-agnostic tool loop (with a scripted in-memory model), the keyword router, history budget and prompt parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToolLoop, type LoopModel, type ModelEvent } from '../../src/core/chat/toolLoop';
import { routeByKeywords } from '../../src/extension/chat/keywordRouter';
import { buildHistoryMessages } from '../../src/extension/chat/historyBudget';
import { inputFromPrompt } from '../../src/core/chat/promptInput';
import { describeInvocation } from '../../src/extension/tools/describeInvocation';

function scripted(turns: ModelEvent[][], seen: unknown[][] = []): LoopModel {
  let i = 0;
  return {
    async *send(_instr, messages) {
      seen.push(structuredClone(messages));
      for (const ev of turns[Math.min(i++, turns.length - 1)]) yield ev;
    },
  };
}
const tools = [{ name: 'get_etcd_disk_wal_fsync', description: 'wal' }, { name: 'get_etcd_network_io', description: 'net' }];

test('tool errors are returned to the model as text and the loop goes on', async () => {
  const seen: any[][] = [];
  const r = await runToolLoop({
    model: scripted([[{ type: 'tool_call', call: { id: 'a', name: 'get_etcd_disk_wal_fsync', input: { duration: 'x' } } }], [{ type: 'text', text: 'ok' }]], seen),
    instructions: '',
    messages: [{ role: 'user', text: 'q' }],
    tools,
    invokeTool: async () => {
      throw new Error('Invalid input: duration must be like 1h');
    },
    onText: () => {},
  });
  assert.deepEqual(r.toolCalls, [{ name: 'get_etcd_disk_wal_fsync', ok: false }]);
  const last = seen[1].at(-1);
  assert.equal(last.role, 'tool');
  assert.match(last.text, /Error from get_etcd_disk_wal_fsync: Invalid input: duration must be like 1h/);
});

test('an aborted signal stops the loop before the next tool call', async () => {
  const ctl = new AbortController();
  let calls = 0;
  const r = await runToolLoop({
    model: scripted([[{ type: 'tool_call', call: { id: 'a', name: 'get_etcd_network_io', input: {} } }, { type: 'tool_call', call: { id: 'b', name: 'get_etcd_network_io', input: {} } }]]),
    instructions: '',
    messages: [],
    tools,
    invokeTool: async () => {
      calls++;
      ctl.abort();
      return 'x';
    },
    onText: () => {},
    signal: ctl.signal,
  });
  assert.equal(calls, 1);
  assert.equal(r.stoppedBy, 'cancelled');
});

test('keyword routing picks specific analyzers and falls back to bottlenecks', () => {
  const known = ['get_etcd_disk_wal_fsync', 'get_etcd_network_io', 'get_etcd_cluster_status', 'get_etcd_bottleneck_analysis', 'get_etcd_disk_backend_commit'];
  assert.deepEqual(routeByKeywords('is WAL fsync slow on m2?', known), ['get_etcd_disk_wal_fsync', 'get_etcd_bottleneck_analysis']);
  assert.deepEqual(routeByKeywords('peer rtt between members', known), ['get_etcd_network_io', 'get_etcd_cluster_status']);
  assert.deepEqual(routeByKeywords('hello there', known), ['get_etcd_bottleneck_analysis']);
  assert.equal(routeByKeywords('fsync commit rtt leader slow', known).length, 3);
});

test('history keeps the newest turns within the budget, in order', () => {
  const turns = Array.from({ length: 10 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', text: `turn ${i} ` + 'x'.repeat(480) }));
  const msgs = buildHistoryMessages(turns, 1500);
  assert.ok(msgs.length >= 2 && msgs.length < 10);
  assert.match((msgs.at(-1) as any).text, /^turn 9/);
  assert.ok(msgs.reduce((n, m) => n + (m as any).text.length, 0) <= 1500);
  assert.deepEqual(buildHistoryMessages([{ role: 'user', text: '   ' }]), []);
});

test('slash prompts give duration, member and key=value input only for fields the analyzer has', () => {
  assert.deepEqual(inputFromPrompt('6h member m2', ['duration', 'member']), { duration: '6h', member: 'm2' });
  assert.deepEqual(inputFromPrompt('member=m3 duration=15m', ['duration', 'member']), { member: 'm3', duration: '15m' });
  assert.deepEqual(inputFromPrompt('wal_fsync_duration 1d', ['metric', 'duration']), { metric: 'wal_fsync_duration', duration: '1d' });
  assert.deepEqual(inputFromPrompt('2m please', ['duration']), {});
  assert.deepEqual(inputFromPrompt('6h', ['member']), {});
});

test('invocation messages say what is queried for whom over which window', () => {
  assert.equal(describeInvocation('get_etcd_disk_wal_fsync', 'WAL', { duration: '1h' }), 'etcd: WAL fsync p50/p90/p99 for all members over 1h');
  assert.equal(describeInvocation('get_etcd_network_io', 'N', { member: 'm2' }, '6h'), 'etcd: peer RTT p99 per pair, peer/client traffic and failures for member m2 over 6h');
  assert.match(describeInvocation('x_new', 'New thing', { start: '2026-01-01T00:00:00Z' }), /New thing for all members from 2026-01-01T00:00:00Z to now/);
});
