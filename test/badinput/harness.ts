// Shared drivers for the bad-input suite: the CLI in-process (captured stdout/stderr/exit code, warnings included),
// the MCP server over stdio and over Streamable HTTP (spawned from source against the fake Prometheus), and the
// report renderer. Every case drives a face and asserts the exact outcome.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { REPO_ROOT, serverEnv, startHttpServerChild, type HttpServerChild } from '../helpers/mcpServerProcess';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `etcd-analyzer argv` in this process; process.stderr writes (warnings) are captured too. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env };
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** Common flags for a run against the fake: no etcd endpoints, generic selectors matching its labels. */
export function promFlags(url: string): string[] {
  return ['--prometheus', url, '--etcd-selector', 'job="etcd"', '--node-selector', 'job="node"'];
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface McpFace {
  name: 'stdio' | 'http';
  call(tool: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** The server's stderr so far. */
  stderr(): string;
  /** Whether the server process is still running. */
  alive(): boolean;
  close(): Promise<void>;
}

export async function startStdioFace(extraEnv: Record<string, string>): Promise<McpFace> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/mcp/main.ts'],
    env: serverEnv(extraEnv),
    cwd: REPO_ROOT,
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (d) => (err += d));
  const client = new Client({ name: 'badinput-stdio', version: '1.0.0' });
  await client.connect(transport);
  return {
    name: 'stdio',
    call: (tool, args = {}) => client.callTool({ name: tool, arguments: args }, undefined, { timeout: 120_000 }) as Promise<CallToolResult>,
    stderr: () => err,
    alive: () => transport.pid !== null && isRunning(transport.pid),
    close: () => client.close(),
  };
}

export async function startHttpFace(extraEnv: Record<string, string>): Promise<McpFace> {
  const child: HttpServerChild = await startHttpServerChild([], serverEnv(extraEnv));
  const connect = async () => {
    const client = new Client({ name: 'badinput-http', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(child.url)));
    return client;
  };
  return {
    name: 'http',
    async call(tool, args = {}) {
      // A fresh connection per call: the stateless server answers each request on its own.
      const client = await connect();
      try {
        return (await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;
      } finally {
        await client.close();
      }
    },
    stderr: () => child.stderr(),
    alive: () => child.child.exitCode === null && child.child.signalCode === null,
    async close() {
      await child.stop();
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function textOf(r: CallToolResult): string {
  return (r.content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

export function structuredOf(r: CallToolResult): { status?: string; errors?: { kind: string; message: string }[]; summary?: string } {
  return (r.structuredContent ?? {}) as never;
}
