// A mistake in how a face was called (a flag, an argument): the one type the CLI, MCP and serve turn into exit code 2
// with the message alone (no stack: the message says what to change).
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
