// Registers the 15 analyzers of the one registry as MCP tools (names, titles, descriptions and zod input shapes as-is).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { analyzers } from '../core/analyzers/registry';
import { runAnalyzer } from '../core/analyzers/runAnalyzer';
import type { Logger } from '../core/util/log';
import type { McpEngine } from './engine';
import { analyzerResultOutputShape, errorResult, toCallToolResult } from './toolResult';

export function registerAnalyzerTools(server: McpServer, engine: McpEngine, log: Logger): void {
  for (const analyzer of analyzers) {
    server.registerTool(
      analyzer.name,
      {
        title: analyzer.title,
        description: analyzer.description,
        // The SDK validates arguments against this shape before the callback runs; a bad value comes back as
        // `isError` naming the field (e.g. "... at duration"), and the server keeps serving.
        inputSchema: analyzer.inputSchema.shape,
        outputSchema: analyzerResultOutputShape,
        annotations: { readOnlyHint: true, openWorldHint: true },
      },
      async (args, extra) => {
        const t0 = Date.now();
        try {
          const result = await runAnalyzer(engine.context(extra.signal), analyzer.name, args);
          log.info(`${analyzer.name} → ${result.status} in ${Date.now() - t0} ms (${result.errors.length} errors)`);
          return toCallToolResult(result);
        } catch (err) {
          // runAnalyzer turns data problems into results; reaching here is a bug, still answered, never a crash.
          const message = err instanceof Error ? err.message : String(err);
          log.error(`${analyzer.name} threw after ${Date.now() - t0} ms: ${message}`);
          return errorResult(`${analyzer.name} failed: ${message}. Check the server log (stderr) and the Prometheus connection.`);
        }
      },
    );
  }
}
