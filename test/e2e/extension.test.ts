// The extension in a real VS Code (code-server) against the live test bed: activation, the 15 LM tools,
// every command, every @etcd slash command, the model loops, and bad input.
// Slash commands through the real Chat view are in chatView.test.ts; here the handler returned by activate() in test
// mode is driven with a recording ChatResponseStream, for cases the Chat view cannot stage (scripted models,
// cancellation at a chosen moment, broken Prometheus).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/extension/extension';
import { chatRequest, emptyContext, recordingStream, scriptedModel, toolResultTexts } from './chatDoubles';
import { startScriptedOpenAiServer } from '../helpers/scriptedOpenAiServer';
import { startFaultyPrometheus } from '../helpers/faultyPrometheus';
import { activateExtension, EXT_ID, notes } from './activation';
const cfg = () => vscode.workspace.getConfiguration('etcdAnalyzer');
const setSetting = (key: string, value: unknown) => cfg().update(key, value, vscode.ConfigurationTarget.Workspace);

/** Changes settings for the body of a test and always puts the old workspace values back. */
async function withSettings<T>(values: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(values).map((k) => [k, cfg().inspect(k)?.workspaceValue]));
  for (const [k, v] of Object.entries(values)) await setSetting(k, v);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(old)) await setSetting(k, v);
  }
}

const NUMBER_WITH_UNIT = /\d+(\.\d+)?\s?(ms|µs|s|B|KiB|MiB|GiB|%|\/s)\b/;
/** An answer's first line: bold, naming a verdict (a diagnosis, a finding, or what could not be judged). */
const FIRST_LINE = /^\*\*(Critical|Warning|Info|Healthy|Cannot judge|No finding|Not judged|Not available)[^\n]*\*\*\n/;
/** Tools whose data exists on a plain (non-OpenShift) cluster and must show live per-member numbers. */
const LIVE_MEMBER_TOOLS = [
  'get_etcd_general_info', 'get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_etcd_network_io',
  'get_etcd_performance_deep_drive',
];

let hooks: TestHooks;
let toolNames: string[] = [];

suite('etcd extension in VS Code', function () {
  suiteSetup(async function () {
    hooks = await activateExtension();
    toolNames = (vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.languageModelTools as { name: string }[]).map((t) => t.name);
  });

  test('the workspace points the extension at the test bed', () => {
    assert.match(String(cfg().get('prometheus.url')), /^http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(hooks.services.isConfigured(), true);
  });

  test('the 15 tools are listed in vscode.lm.tools with the etcd-analyzer tag', () => {
    assert.equal(toolNames.length, 15);
    const listed = vscode.lm.tools.filter((t) => t.tags.includes('etcd-analyzer')).map((t) => t.name).sort();
    assert.deepEqual(listed, [...toolNames].sort());
    for (const t of vscode.lm.tools.filter((x) => toolNames.includes(x.name))) {
      assert.equal((t.inputSchema as { type?: string })?.type, 'object', `${t.name} has an object input schema`);
    }
  });

  suite('each tool through vscode.lm.invokeTool returns live results', () => {
    const names = [
      'get_server_health', 'get_etcd_cluster_status', 'get_ocp_cluster_info', 'get_ocp_node_usage', 'get_etcd_general_info',
      'get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_etcd_disk_compact_defrag', 'get_node_disk_io',
      'get_etcd_network_io', 'get_etcd_performance_deep_drive', 'get_etcd_bottleneck_analysis',
      'generate_etcd_performance_report', 'get_etcd_history_trends', 'compare_etcd_to_baseline',
    ];
    for (const name of names) {
      test(name, async () => {
        assert.ok(toolNames.includes(name), `${name} is contributed`);
        const r = await vscode.lm.invokeTool(name, { input: { duration: '15m' }, toolInvocationToken: undefined });
        const text = r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
        // Every analyzer leads with one line naming the cause, member and evidence (or what could not be judged),
        // then its heading; the analyzers that judge the whole cluster lead with the diagnosis line.
        assert.match(text, FIRST_LINE, 'leads with its first line');
        assert.match(text, /\n### /, 'markdown result with a heading');
        if (['get_etcd_performance_deep_drive', 'get_etcd_bottleneck_analysis', 'generate_etcd_performance_report'].includes(name)) {
          assert.match(text, /^\*\*(Critical|Warning|Healthy|Cannot judge)/, 'leads with the diagnosis line');
        }
        assert.ok(text.length <= 6000, `compact: ${text.length} chars`);
        assert.match(text, new RegExp(`_${name.replace(/_/g, '\\\\?_')}`), 'names the tool');
        assert.doesNotMatch(text, /status \*\*failed\*\*/, 'not failed: ' + text.slice(0, 400));
        if (LIVE_MEMBER_TOOLS.includes(name)) {
          assert.match(text, /\bm[123]\b/, 'names members');
          assert.match(text, NUMBER_WITH_UNIT, 'has live numbers');
        } else assert.match(text, /\d/, 'has numbers');
      });
    }
  });

  test('bad tool input is rejected with a message that says what to fix', async () => {
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool('get_etcd_disk_wal_fsync', { input: { duration: 'forever' }, toolInvocationToken: undefined })),
      (err: Error) => /duration/.test(err.message) && /5m..7d|15m, 1h/.test(err.message),
    );
  });

  suite('commands', () => {
    test('every contributed command is registered', async () => {
      const all = new Set(await vscode.commands.getCommands(true));
      const contributed = (vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
      assert.ok(contributed.length >= 5);
      for (const c of contributed) assert.ok(all.has(c), `${c} registered`);
    });

    test('Test Connection reports targets per member', async () => {
      const r: any = await vscode.commands.executeCommand('etcdAnalyzer.testConnection');
      assert.equal(r?.tool, 'get_server_health');
      assert.notEqual(r.status, 'failed', r.summary);
      assert.match(r.summary, /\d/);
    });

    test('Configure Connection writes the settings given as arguments (the wizard answers)', async () => {
      const url = String(cfg().get('prometheus.url'));
      const endpoints = cfg().get<string[]>('etcdEndpoints') ?? [];
      const ok = await vscode.commands.executeCommand('etcdAnalyzer.configureConnection', {
        profile: 'generic', prometheusUrl: url, etcdSelector: 'job="etcd"', nodeSelector: 'job="node"', etcdEndpoints: endpoints, test: true,
      });
      assert.equal(ok, true);
      assert.equal(cfg().get('etcdSelector'), 'job="etcd"');
      assert.deepEqual(cfg().get('etcdEndpoints'), endpoints);
      const bad = await vscode.commands.executeCommand('etcdAnalyzer.configureConnection', { prometheusUrl: 'ftp://nope', test: false });
      assert.equal(bad, false, 'a bad URL is refused');
      assert.equal(cfg().get('prometheus.url'), url, 'and the old URL is kept');
    });

    test('Set Prometheus Token / Set Language Model API Key store and clear secrets', async () => {
      const secrets = hooks.services.extensionContext.secrets;
      assert.equal(await vscode.commands.executeCommand('etcdAnalyzer.setLmApiKey', 'e2e-key'), true);
      assert.equal(await secrets.get('etcdAnalyzer.lm.apiKey'), 'e2e-key');
      assert.equal(await vscode.commands.executeCommand('etcdAnalyzer.setLmApiKey', ''), true);
      assert.equal(await secrets.get('etcdAnalyzer.lm.apiKey'), undefined);
      assert.equal(await vscode.commands.executeCommand('etcdAnalyzer.setPrometheusToken', 'e2e-token'), true);
      assert.equal(await secrets.get('etcdAnalyzer.prometheus.token'), 'e2e-token');
      assert.equal(await vscode.commands.executeCommand('etcdAnalyzer.setPrometheusToken', ''), true);
      assert.equal(await secrets.get('etcdAnalyzer.prometheus.token'), undefined);
    });

    test('Run Analyzer… shows the result in a read-only markdown document', async () => {
      const r: any = await vscode.commands.executeCommand('etcdAnalyzer.runAnalyzer', { name: 'get_etcd_disk_wal_fsync', input: { duration: '15m' } });
      assert.equal(r?.tool, 'get_etcd_disk_wal_fsync');
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.uri.scheme, 'etcd-analyzer-result');
      assert.match(doc!.getText(), /### .*\n/);
      assert.match(doc!.getText(), NUMBER_WITH_UNIT);
    });

    test('other contributed commands (views) execute without throwing', async () => {
      const mine = new Set(['etcdAnalyzer.configureConnection', 'etcdAnalyzer.testConnection', 'etcdAnalyzer.setPrometheusToken', 'etcdAnalyzer.setLmApiKey', 'etcdAnalyzer.runAnalyzer']);
      const others = (vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).filter((c) => !mine.has(c));
      for (const c of others) {
        // A command may wait on a picker: give it 10 s, then close any quick input.
        await Promise.race([vscode.commands.executeCommand(c), new Promise((r) => setTimeout(r, 10_000))]);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      }
      notes.push(`view commands executed: ${others.join(', ') || 'none contributed yet'}`);
    });

    test('the status bar shows cluster health and the leader', async () => {
      await hooks.refreshStatusBar();
      assert.match(hooks.statusBarText(), /etcd (healthy|degraded|critical)( · leader m[123])?/);
      notes.push(`status bar: ${hooks.statusBarText()}`);
    });
  });

  suite('@etcd chat participant (handler + recording stream)', () => {
    test('a free question runs the tool loop with the chat model; an unknown tool gets the list of valid tools', async () => {
      const { model, sent, toolsOffered } = scriptedModel([
        [new vscode.LanguageModelToolCallPart('c1', 'get_etcd_magic', {}), new vscode.LanguageModelToolCallPart('c2', 'get_etcd_disk_wal_fsync', { duration: '15m' })],
        [new vscode.LanguageModelTextPart('WAL fsync looks fine on every member.')],
      ]);
      const { stream, rec } = recordingStream();
      const result = await hooks.chatHandler(chatRequest('is the WAL slow?', undefined, model), emptyContext, stream, new vscode.CancellationTokenSource().token);
      assert.equal(sent.length, 2);
      assert.equal(toolsOffered[0].length, 15, 'all 15 tools offered');
      const results = toolResultTexts(sent[1]);
      assert.equal(results.length, 2);
      assert.match(results[0], /no tool named "get_etcd_magic".*get_etcd_disk_wal_fsync/);
      assert.match(results[1], NUMBER_WITH_UNIT);
      assert.match(rec.markdown, /WAL fsync looks fine/);
      assert.deepEqual((result as any).metadata.toolCalls, [{ name: 'get_etcd_magic', ok: false }, { name: 'get_etcd_disk_wal_fsync', ok: true }]);
    });

    test('prior turns from the chat history reach the model', async () => {
      const { model, sent } = scriptedModel([[new vscode.LanguageModelTextPart('ok')]]);
      const history = [
        new (vscode as any).ChatRequestTurn('what about m2?', undefined, [], 'etcdAnalyzer.etcd', []),
      ].filter(Boolean);
      const { stream } = recordingStream();
      await hooks.chatHandler(chatRequest('and now?', undefined, model), { history } as unknown as vscode.ChatContext, stream, new vscode.CancellationTokenSource().token);
      const texts = sent[0].map((m) => m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join(''));
      assert.ok(texts.some((t) => t.includes('what about m2?')), 'history turn included: ' + texts.join(' | '));
    });

    test('provider openai-compatible: two tool calls through a scripted OpenAI-compatible server (test double), then an answer', async () => {
      const server = await startScriptedOpenAiServer([
        { toolCalls: [{ name: 'get_etcd_disk_wal_fsync', arguments: { duration: '15m' } }] },
        { toolCalls: [{ name: 'get_etcd_network_io', arguments: { duration: '15m' } }] },
        { content: 'Network summary: {{lastTool}}' },
      ]);
      try {
        await withSettings({ 'lm.provider': 'openai-compatible', 'lm.baseUrl': server.baseURL, 'lm.model': 'scripted' }, async () => {
          const { stream, rec } = recordingStream();
          const result: any = await hooks.chatHandler(chatRequest('how is the network?'), emptyContext, stream, new vscode.CancellationTokenSource().token);
          assert.equal(server.requests.length, 3);
          assert.deepEqual(result.metadata.toolCalls, [{ name: 'get_etcd_disk_wal_fsync', ok: true }, { name: 'get_etcd_network_io', ok: true }]);
          const toolMsgs = server.requests[2].messages.filter((m: any) => m.role === 'tool');
          assert.match(toolMsgs[0].content, NUMBER_WITH_UNIT);
          assert.match(rec.markdown, /Network summary: \*\*(Critical|Warning|Info|Healthy|Cannot judge|No finding|Not judged|Not available)/);
        });
      } finally {
        await server.close();
      }
    });

    test('provider none: says so plainly and answers from keyword-matched analyzers', async () => {
      await withSettings({ 'lm.provider': 'none' }, async () => {
        const { stream, rec } = recordingStream();
        const result: any = await hooks.chatHandler(chatRequest('is wal fsync slow?'), emptyContext, stream, new vscode.CancellationTokenSource().token);
        assert.match(rec.markdown, /No language model is used/);
        assert.equal(result.metadata.mode, 'keywords');
        assert.ok(result.metadata.analyzers.includes('get_etcd_disk_wal_fsync'));
        assert.match(rec.markdown, NUMBER_WITH_UNIT);
      });
    });

    test('no model in the editor: says so and still answers', async () => {
      const { stream, rec } = recordingStream();
      const result: any = await hooks.chatHandler(chatRequest('what is the peer rtt?'), emptyContext, stream, new vscode.CancellationTokenSource().token);
      assert.match(rec.markdown, /No language model is available/);
      assert.ok(result.metadata.analyzers.includes('get_etcd_network_io'));
    });
  });

  suite('bad input', () => {
    test('nothing configured: a welcome answer with a Configure button', async () => {
      await withSettings({ 'prometheus.url': '' }, async () => {
        const { stream, rec } = recordingStream();
        await hooks.chatHandler(chatRequest('', 'bottlenecks'), emptyContext, stream, new vscode.CancellationTokenSource().token);
        assert.match(rec.markdown, /No Prometheus is configured/);
        assert.deepEqual(rec.buttons.map((b) => b.command), ['etcdAnalyzer.configureConnection']);
      });
    });

    test('Prometheus failing mid-answer: the answer names the failed queries and shows what succeeded', async () => {
      const proxy = await startFaultyPrometheus(String(cfg().get('prometheus.url')), { mode: 'fail', match: /wal_fsync/ });
      try {
        await withSettings({ 'prometheus.url': proxy.url }, async () => {
          const { stream, rec } = recordingStream();
          const result: any = await hooks.chatHandler(chatRequest('15m', 'deep'), emptyContext, stream, new vscode.CancellationTokenSource().token);
          assert.ok(proxy.failed.length > 0, 'the double failed some queries');
          assert.equal(result.metadata.runs[0].status, 'partial');
          assert.match(rec.markdown, /⚠️ \d+ quer(y|ies) failed/);
          assert.match(rec.markdown, /wal\\?_fsync/);
          assert.match(rec.markdown, /Failed queries/);
          assert.match(rec.markdown, /what succeeded is shown below/);
          assert.match(rec.markdown, /backend commit|Backend commit/i, 'other metrics still shown');
        });
      } finally {
        await proxy.close();
      }
    });

    test('cancellation: the stop button aborts in-flight Prometheus queries', async () => {
      const proxy = await startFaultyPrometheus(String(cfg().get('prometheus.url')), { mode: 'hang' });
      try {
        // Only Prometheus in play: the etcd endpoints answer at once and are not what this test is about.
        await withSettings({ 'prometheus.url': proxy.url, etcdEndpoints: [] }, async () => {
          const cts = new vscode.CancellationTokenSource();
          const { stream, rec } = recordingStream();
          const answer = hooks.chatHandler(chatRequest('15m', 'bottlenecks'), emptyContext, stream, cts.token);
          for (let i = 0; i < 100 && proxy.queries.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
          assert.ok(proxy.queries.length > 0, 'queries reached the (hanging) Prometheus');
          cts.cancel();
          const result: any = await answer;
          assert.equal(result.metadata.cancelled, true);
          assert.match(rec.markdown, /Cancelled/);
          for (let i = 0; i < 50 && proxy.aborted === 0; i++) await new Promise((r) => setTimeout(r, 100));
          assert.ok(proxy.aborted > 0, 'in-flight requests were aborted');
        });
      } finally {
        await proxy.close();
      }
    });
  });
});
