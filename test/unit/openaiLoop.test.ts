// The OpenAI-compatible tool loop against a scripted local server (a test double, not a model): two tool calls,
// then an answer that quotes the last tool result.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openaiModel } from '../../src/core/chat/openaiModel';
import { runToolLoop } from '../../src/core/chat/toolLoop';
import { startScriptedOpenAiServer } from '../helpers/scriptedOpenAiServer';

const tools = [
  { name: 'get_etcd_disk_wal_fsync', description: 'WAL fsync', inputSchema: { type: 'object', properties: { duration: { type: 'string' } } } },
  { name: 'get_etcd_bottleneck_analysis', description: 'bottlenecks', inputSchema: { type: 'object', properties: {} } },
];

test('two tool calls then an answer, with tools sent as functions and results sent back', async () => {
  const server = await startScriptedOpenAiServer([
    { toolCalls: [{ name: 'get_etcd_disk_wal_fsync', arguments: { duration: '15m' } }] },
    { toolCalls: [{ name: 'get_etcd_bottleneck_analysis', arguments: {} }] },
    { content: 'Answer based on: {{lastTool}}' },
  ]);
  after(() => server.close());
  const invoked: [string, unknown][] = [];
  let text = '';
  const r = await runToolLoop({
    model: openaiModel({ baseURL: server.baseURL, model: 'scripted', apiKey: 'test-key' }),
    instructions: 'be brief',
    messages: [{ role: 'user', text: 'is the disk slow?' }],
    tools,
    invokeTool: async (name, input) => {
      invoked.push([name, input]);
      return `${name} result: p99 4.2 ms`;
    },
    onText: (t) => (text += t),
  });
  assert.deepEqual(invoked, [['get_etcd_disk_wal_fsync', { duration: '15m' }], ['get_etcd_bottleneck_analysis', {}]]);
  assert.equal(r.rounds, 3);
  assert.equal(r.stoppedBy, 'answer');
  assert.equal(text, 'Answer based on: get_etcd_bottleneck_analysis result: p99 4.2 ms');
  assert.equal(server.requests.length, 3);
  const first = server.requests[0];
  assert.equal(first.model, 'scripted');
  assert.equal(first.messages[0].role, 'system');
  assert.deepEqual(first.tools.map((t: any) => [t.type, t.function.name]), [['function', 'get_etcd_disk_wal_fsync'], ['function', 'get_etcd_bottleneck_analysis']]);
  assert.equal(first.tools[0].function.parameters.properties.duration.type, 'string');
  const third = server.requests[2].messages;
  const toolMsgs = third.filter((m: any) => m.role === 'tool');
  assert.equal(toolMsgs.length, 2);
  assert.equal(toolMsgs[0].content, 'get_etcd_disk_wal_fsync result: p99 4.2 ms');
  const assistant = third.filter((m: any) => m.role === 'assistant');
  assert.equal(assistant[0].tool_calls[0].function.name, 'get_etcd_disk_wal_fsync');
  assert.equal(assistant[0].tool_calls[0].id, toolMsgs[0].tool_call_id);
});

test('an unknown tool and unparseable arguments go back to the model as text, listing the valid tools', async () => {
  const server = await startScriptedOpenAiServer([
    { toolCalls: [{ name: 'get_etcd_magic', arguments: {} }, { name: 'get_etcd_disk_wal_fsync', arguments: '{not json' }] },
    { content: 'done' },
  ]);
  after(() => server.close());
  let calls = 0;
  await runToolLoop({
    model: openaiModel({ baseURL: server.baseURL, model: 'scripted' }),
    instructions: 'x',
    messages: [{ role: 'user', text: 'q' }],
    tools,
    invokeTool: async () => {
      calls++;
      return 'never';
    },
    onText: () => {},
  });
  assert.equal(calls, 0);
  const toolMsgs = server.requests[1].messages.filter((m: any) => m.role === 'tool');
  assert.match(toolMsgs[0].content, /no tool named "get_etcd_magic".*get_etcd_disk_wal_fsync, get_etcd_bottleneck_analysis/);
  assert.match(toolMsgs[1].content, /not valid JSON/);
});

test('the last round offers no tools, so a model that keeps calling tools must answer', async () => {
  const server = await startScriptedOpenAiServer([{ toolCalls: [{ name: 'get_etcd_bottleneck_analysis', arguments: {} }] }]);
  after(() => server.close());
  const r = await runToolLoop({
    model: openaiModel({ baseURL: server.baseURL, model: 'scripted' }),
    instructions: 'x',
    messages: [{ role: 'user', text: 'q' }],
    tools,
    invokeTool: async () => 'ok',
    onText: () => {},
    maxRounds: 3,
  });
  assert.equal(server.requests.length, 3);
  assert.ok(server.requests[0].tools && server.requests[1].tools);
  assert.equal(server.requests[2].tools, undefined);
  assert.equal(r.stoppedBy, 'max_rounds');
});
