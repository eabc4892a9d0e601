// Minimal logger interface so core code can log without knowing the host (LogOutputChannel, stderr, MCP).
// Implementations must never receive secrets: callers pass queries and timings, not headers.
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};
