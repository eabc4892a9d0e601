// TEST DOUBLE: a scripted OpenAI-compatible chat-completions server on 127.0.0.1. It is not a model: it replays a
// fixed script of replies (tool calls, then an answer) and records every request so tests can check what the
// client sent (tools, tool results). Used by the unit test of the OpenAI loop and by the e2e suite.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  toolCalls?: { name: string; arguments: unknown }[];
  /** Text answer; `{{lastTool}}` is replaced with the first 200 characters of the last tool message received. */
  content?: string;
}

export interface ScriptedServer {
  baseURL: string;
  requests: any[];
  close(): Promise<void>;
}

export async function startScriptedOpenAiServer(script: ScriptedReply[]): Promise<ScriptedServer> {
  const requests: any[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const parsed = JSON.parse(body || '{}');
      requests.push(parsed);
      const reply = script[Math.min(n++, script.length - 1)];
      const lastTool = [...(parsed.messages ?? [])].reverse().find((m: any) => m.role === 'tool');
      const message: any = { role: 'assistant', content: reply.content?.replace('{{lastTool}}', String(lastTool?.content ?? '').slice(0, 200)) ?? null };
      if (reply.toolCalls?.length) {
        message.tool_calls = reply.toolCalls.map((c, i) => ({
          id: `call_${n}_${i}`,
          type: 'function',
          function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
        }));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${n}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: parsed.model,
          choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
