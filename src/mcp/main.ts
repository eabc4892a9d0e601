// Entry of dist/mcp-server.js (stdio by default; the same flags as `etcd-analyzer mcp`).
import { runMcpCommand } from './command';

runMcpCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`etcd-analyzer mcp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
