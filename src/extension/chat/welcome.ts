// Answers that need no data: the welcome (nothing configured) and /help.
import type * as vscode from 'vscode';
import { SLASH_COMMANDS } from '../../core/chat/slashCommands';

export function streamWelcome(stream: vscode.ChatResponseStream): vscode.ChatResult {
  stream.markdown(
    [
      '**Welcome to the etcd Performance Analyzer.** No Prometheus is configured yet, so there is nothing to analyse.',
      '',
      'Configure the connection (Prometheus URL, etcd selector, optional etcd endpoints), then ask me things like',
      '`@etcd /bottlenecks` or "why are writes slow on m2?".',
    ].join('\n'),
  );
  stream.button({ command: 'etcdAnalyzer.configureConnection', title: 'Configure Connection' });
  return { metadata: { welcome: true } };
}

export function streamHelp(stream: vscode.ChatResponseStream): vscode.ChatResult {
  const rows = SLASH_COMMANDS.map((c) => `| \`/${c.name}\` | ${c.description} |`).join('\n');
  stream.markdown(
    [
      '**@etcd** reads your etcd cluster\'s Prometheus metrics and explains what is slow and why.',
      '',
      '| command | what it answers |',
      '| --- | --- |',
      rows,
      '',
      'Slash commands run the analyzers directly (no language model). Add a window or a member: `/wal 6h member m2`.',
      'Free questions use the language model picked in the chat view (or `etcdAnalyzer.lm.provider`) with the etcd tools.',
    ].join('\n'),
  );
  return { metadata: { command: 'help' } };
}
