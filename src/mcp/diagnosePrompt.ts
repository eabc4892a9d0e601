// The `diagnose-etcd` prompt: walks an MCP client's model through the analyzers in the order a person would use them.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FindingCategory } from '../core/types';
import { durationField } from '../core/analyzers/input';
import { analyzerFor, analyzers } from '../core/analyzers/registry';
import type { AnalyzerRole } from '../core/analyzers/types';
import { RULES } from '../core/analysis/rules';

/** Which analyzers look deeper at each finding category: what each analyzer says it explains, in registry order. */
export const FOLLOW_UP_BY_CATEGORY: Record<FindingCategory, string[]> = Object.fromEntries(
  (Object.keys(RULES) as FindingCategory[]).map((cat) => [cat, analyzers.filter((a) => a.explains?.includes(cat)).map((a) => a.name)]),
) as Record<FindingCategory, string[]>;

export function diagnoseInstructions(duration: string): string {
  const followUps = Object.entries(FOLLOW_UP_BY_CATEGORY)
    .map(([cat, tools]) => `   - ${cat}: ${tools.join(', ')}`)
    .join('\n');
  const tool = (role: AnalyzerRole) => analyzerFor(role).name;
  return [
    `Diagnose the performance of this etcd cluster over the last ${duration}, using the etcd analyzer tools in this order.`,
    `Pass duration="${duration}" to every tool.`,
    '',
    `1. Call ${tool('connection_check')}. If Prometheus is unreachable, unauthorised or has no etcd targets, stop and explain what to fix (use the hints in its errors).`,
    `2. Call ${tool('cluster_status')} for members, leader and alarms.`,
    `3. Call ${tool('diagnosis')}. Its diagnosis names the likely cause first (category, member, evidence); its findings carry a category, a severity, a member and evidence.`,
    '4. For each critical or warning finding, call the analyzers for its category (once each):',
    followUps,
    `5. If a stored history exists, call ${tool('baseline')} to tell a regression from a long-standing condition.`,
    `6. Call ${tool('report')} and finish with: a one-line verdict (healthy / degraded / critical),`,
    '   the key numbers per member against their targets (WAL fsync p99 < 10 ms, backend commit p99 < 25 ms,',
    '   peer RTT p99 < 50 ms, CPU and memory < 70 %), the root cause, and the recommendations in priority order.',
    '',
    'Quote numbers from the tool results only; when a tool reports errors or missing data, say so instead of guessing.',
  ].join('\n');
}

export function registerDiagnosePrompt(server: McpServer): void {
  server.registerPrompt(
    'diagnose-etcd',
    {
      title: 'Diagnose etcd performance',
      description: 'Step-by-step diagnosis: health → bottlenecks → the category analyzers the findings point to → report.',
      argsSchema: { duration: durationField.optional() },
    },
    ({ duration }) => ({
      description: `Diagnose etcd over the last ${duration ?? '1h'}`,
      messages: [{ role: 'user', content: { type: 'text', text: diagnoseInstructions(duration ?? '1h') } }],
    }),
  );
}
