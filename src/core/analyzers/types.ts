// The analyzer contract: the one registry every face (extension, MCP, CLI) adapts.
import { z } from 'zod';
import type { AnalyzerResult } from '../types';
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
  /** Saves the finished performance report (HTML file); set by faces that can write files. Optional seam for the report issue. */
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
  run(ctx: AnalyzerContext, input: z.infer<S>): Promise<AnalyzerResult>;
}
