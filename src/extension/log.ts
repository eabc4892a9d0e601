// Adapts the LogOutputChannel to core's Logger. Core passes queries and timings only; this layer adds nothing secret.
import type * as vscode from 'vscode';
import type { Logger } from '../core/util/log';

export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
