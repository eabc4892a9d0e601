// The analyzer contract: the one registry every face (extension, MCP, CLI) adapts.
import { z } from 'zod';
import type { AnalyzerResult, FindingCategory } from '../types';
import type { MetricSource } from '../source/types';
import type { Profile } from '../profiles/types';
import type { Thresholds } from '../analysis/thresholds';
import type { Collector } from '../collect/types';
import type { ClusterStatusProvider } from '../source/clusterStatusTypes';
import type { Logger } from '../util/log';
import type { HistoryPort } from '../history/port';
import type { ClusterApi } from '../source/clusterApiTypes';

/** Everything an analyzer may touch. Built once per run by `createContext` (context.ts). */
export interface AnalyzerContext {
  source: MetricSource;
  profile: Profile;
  thresholds: Thresholds;
  /** Per-run collector: de-duplicates identical queries across analyzers of one run. */
  collector: Collector;
  /** etcd's own view (members, leader, alarms); undefined when no endpoints are configured. */
  clusterStatus?: ClusterStatusProvider;
  /** Kubernetes/OpenShift API; undefined for the generic profile. */
  clusterApi?: ClusterApi;
  /** Stored runs; undefined when history is off or not available in this face. */
  history?: HistoryPort;
  now(): Date;
  signal?: AbortSignal;
  log: Logger;
  /** Saves the finished performance report (HTML file); set by faces that can write files. */
  reportWriter?: ReportWriter;
}

/** Called by generate_etcd_performance_report with its combined result; returns where the report was written. */
export interface ReportWriter {
  write(result: AnalyzerResult, signal?: AbortSignal): Promise<{ path: string }>;
}

export interface Analyzer<S extends z.ZodObject<z.ZodRawShape> = z.ZodObject<z.ZodRawShape>> {
  /** `[a-z0-9_]{1,64}`: valid as LM tool, OpenAI function and MCP tool name. */
  name: string;
  title: string;
  /** Written for a language model: what it does, what it returns, when not to use it. */
  description: string;
  inputSchema: S;
  /** The analyzer reads stored runs over its own span (not the live 5m..7d window): runAnalyzer does not check it. */
  ownTimeSpan?: boolean;
  /** What a call reads, in a few words, for the chat's progress line ("WAL fsync p50/p90/p99"). */
  topic: string;
  /** false: reads no Prometheus (stored runs only), so faces skip their Prometheus preflight. Default true. */
  needsPrometheus?: boolean;
  /** false: its result is itself read from history, so storing it would feed trends with their own output. Default true. */
  recorded?: boolean;
  /** Words in a free question that route to it when there is no language model. */
  keywords?: KeywordRoute;
  /** The @etcd slash command that runs it; analyzers sharing a command run together, in registry order. */
  slash?: SlashSpec;
  /** Finding categories it looks deeper into: a guided diagnosis calls it after a finding of one of these. */
  explains?: readonly FindingCategory[];
  /** The jobs faces look analyzers up by, instead of by name. */
  roles?: readonly AnalyzerRole[];
  run(ctx: AnalyzerContext, input: z.infer<S>): Promise<AnalyzerResult>;
}

/**
 * A job a face needs done without knowing which analyzer does it: each role is held by exactly one analyzer
 * (the registry checks this at load).
 */
export type AnalyzerRole =
  /** Is Prometheus reachable with etcd targets: Test Connection, the first step of a guided diagnosis. */
  | 'connection_check'
  /** Members, leader, alarms: the status bar and the dashboard's members table. */
  | 'cluster_status'
  /** Every category with per-member comparison: the dashboard's findings and charts. */
  | 'dashboard'
  /** The answer to "why is it slow": the default for a free question with no better match. */
  | 'diagnosis'
  /** The full report, saved as a file. */
  | 'report'
  /** Now against a stored baseline: the history section of every saved report. */
  | 'baseline'
  /** One metric over stored runs: the server's history trends endpoint and page. */
  | 'trends';

export interface KeywordRoute {
  pattern: RegExp;
  /** Lower is tried first: specific words (fsync) before general ones (latency). */
  precedence: number;
}

export interface SlashSpec {
  command: string;
  /** Set on the first analyzer of the command (registry order); shown in the chat's command list. */
  description?: string;
  /** Slash commands suggested after this one. */
  followups?: readonly string[];
}
