// One McpServer with the 15 analyzer tools and the diagnose-etcd prompt. Built per stdio connection, and per
// HTTP request in stateless mode (cheap: registration only); the engine (and its Prometheus source) is shared.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../core/util/log';
import type { McpEngine } from './engine';
import { registerAnalyzerTools } from './tools';
import { analyzerFor } from '../core/analyzers/registry';
import { registerDiagnosePrompt } from './diagnosePrompt';
import { SERVER_NAME, SERVER_VERSION } from './version';

export function createMcpServer(engine: McpEngine, log: Logger): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'etcd Performance Analyzer', version: SERVER_VERSION },
    {
      capabilities: { tools: {}, prompts: {} },
      instructions:
        `Analyzes etcd clusters from Prometheus metrics. Start with ${analyzerFor('connection_check').name}, then ${analyzerFor('diagnosis').name}; ` +
        'every tool takes an optional duration (5m..7d, default 1h) or start/end. The prompt diagnose-etcd walks through a full diagnosis.',
    },
  );
  registerAnalyzerTools(server, engine, log);
  registerDiagnosePrompt(server);
  return server;
}
