// A server outlives any one call: an exception that escapes a call's promise chain (a library throwing from an
// event callback, a rejected promise nobody awaited) is logged and the server keeps answering. The call it belonged
// to still ends: its own promise fails or times out and the client gets `isError`.
import type { Logger } from '../core/util/log';
import { redactSecrets } from '../core/util/redact';

/** Installs process-wide handlers; returns a function removing them (tests, clean shutdown). */
export function keepServing(log: Logger): () => void {
  const report = (what: string) => (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${what} inside a call, kept serving: ${redactSecrets(message).slice(0, 500)}`);
  };
  const onException = report('uncaught exception');
  const onRejection = report('unhandled rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
