// The HTTP server's own bearer token: ETCD_ANALYZER_MCP_TOKEN, or a file named by --mcp-token-file. Never a flag value.
import { readFileSync } from 'node:fs';
import { UsageError } from './args';

export const MCP_TOKEN_ENV = 'ETCD_ANALYZER_MCP_TOKEN';

export function resolveMcpToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (tokenFile) {
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8').trim();
    } catch (err) {
      throw new UsageError(`cannot read --mcp-token-file ${tokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!text) throw new UsageError(`--mcp-token-file ${tokenFile} is empty: put the bearer token in it`);
    return text;
  }
  const t = env[MCP_TOKEN_ENV]?.trim();
  return t ? t : undefined;
}
