// stdio transport: stdout carries only protocol messages; resolves when the client closes stdin or a signal arrives.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../core/util/log';
import type { McpEngine } from './engine';
import { createMcpServer } from './server';

export async function serveStdio(engine: McpEngine, log: Logger, stopped: Promise<string>): Promise<void> {
  const server = createMcpServer(engine, log);
  const transport = new StdioServerTransport();
  const stdinClosed = new Promise<string>((resolve) => {
    process.stdin.once('end', () => resolve('stdin closed'));
    process.stdin.once('close', () => resolve('stdin closed'));
    transport.onclose = () => resolve('transport closed');
  });
  await server.connect(transport);
  log.info(`serving MCP over stdio (metrics: ${engine.description})`);
  const why = await Promise.race([stdinClosed, stopped]);
  log.info(`stopping: ${why}`);
  await server.close().catch(() => undefined);
}
