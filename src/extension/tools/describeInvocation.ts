// What a tool call is about to query, in one line for the chat UI ("WAL fsync p99 for all members over 1h").
// Pure (no vscode import) so it is unit-testable; the topic is the analyzer's own.
import { getAnalyzer } from '../../core/analyzers/registry';

export function describeInvocation(name: string, title: string, input: unknown, defaultDuration = '1h'): string {
  const i = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const what = getAnalyzer(name)?.topic ?? title;
  const who = typeof i.member === 'string' && i.member ? `member ${i.member}` : 'all members';
  const when =
    typeof i.start === 'string' && i.start
      ? `from ${i.start} to ${typeof i.end === 'string' && i.end ? i.end : 'now'}`
      : `over ${typeof i.duration === 'string' && i.duration ? i.duration : defaultDuration}`;
  return `etcd: ${what} for ${who} ${when}`;
}
