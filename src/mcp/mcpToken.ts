// An HTTP server's own bearer token: an environment variable, or a file named by a flag. Never a flag value.
// Used by the MCP server (ETCD_ANALYZER_MCP_TOKEN, --mcp-token-file) and `serve` (ETCD_ANALYZER_SERVE_TOKEN,
// --serve-token-file).
import { readFileSync } from 'node:fs';
import { UsageError } from './args';

export const MCP_TOKEN_ENV = 'ETCD_ANALYZER_MCP_TOKEN';

export function resolveMcpToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return resolveServerToken(tokenFile, env, { envName: MCP_TOKEN_ENV, flag: '--mcp-token-file' });
}

export function resolveServerToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv, names: { envName: string; flag: string }): string | undefined {
  if (tokenFile) {
    let text: string;
    try {
      text = readFileSync(tokenFile, 'utf8').trim();
    } catch (err) {
      throw new UsageError(`cannot read ${names.flag} ${tokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!text) throw new UsageError(`${names.flag} ${tokenFile} is empty: put the bearer token in it`);
    return text;
  }
  const t = env[names.envName]?.trim();
  return t ? t : undefined;
}
