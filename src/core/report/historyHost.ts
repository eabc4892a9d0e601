// The host side of the history page, shared by the VS Code History view and serve's /history page: answers the
// page's typed messages (src/webview-contract/messages.ts) with HistoryState posts. The baseline comparison runs
// the analyzer holding the `baseline` role against the pinned stored run; faces name no analyzer.
import type { AnalyzerResult } from '../types';
import type { HistoryPort } from '../history/port';
import type { Thresholds } from '../analysis/thresholds';
import type { HistoryBaseline, HistorySpan, HistoryState } from './historyTypes';
import type { HistoryToHost, HostToHistory } from '../../webview-contract/messages';
import { loadHistoryState } from './historyState';
import { historyComparisonOf } from './historyComparison';

export interface HistoryHostDeps {
  /** The open store, or undefined when history is off. */
  history(): Promise<HistoryPort | undefined>;
  thresholds(): Thresholds;
  /** The cluster key runs are stored under (the redacted Prometheus URL), so another cluster's runs stay out. */
  cluster(): string | undefined;
  /** Runs the baseline analyzer (analyzerFor('baseline')) with this input; never records. */
  compare(input: { runId: number }): Promise<AnalyzerResult>;
  /** Where the chosen span and pinned run live (workspace state in the editor, memory in serve). */
  memory: { get(): { days?: HistorySpan; pinned?: number }; set(v: { days?: HistorySpan; pinned?: number }): void };
  log?: (line: string) => void;
}

export type HistoryPost = (msg: HostToHistory) => void;

export class HistoryHost {
  private baseline?: HistoryBaseline;
  private last?: HistoryState;
  lastRendered?: { charts: number; points: number; status: string };

  constructor(private readonly deps: HistoryHostDeps) {}

  get state(): HistoryState | undefined {
    return this.last;
  }

  private get days(): HistorySpan {
    return this.deps.memory.get().days ?? 30;
  }

  /** Handles one validated message; `post` receives every reply (a refresh posts loading, state, loading off). */
  async handle(msg: HistoryToHost, post: HistoryPost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        if (this.last) post({ type: 'historyState', state: this.last });
        await this.refresh(post);
        // A pinned run survives reloads: compare it again when nothing is shown for it yet.
        if (!this.baseline && this.deps.memory.get().pinned) await this.pin(this.deps.memory.get().pinned as number, post);
        return;
      case 'refresh':
        await this.refresh(post);
        if (this.baseline) await this.pin(this.baseline.runId, post);
        return;
      case 'setDays':
        this.deps.memory.set({ ...this.deps.memory.get(), days: msg.days });
        await this.refresh(post);
        return;
      case 'pinBaseline':
        await this.pin(msg.runId, post);
        return;
      case 'unpinBaseline':
        this.baseline = undefined;
        this.deps.memory.set({ ...this.deps.memory.get(), pinned: undefined });
        await this.refresh(post);
        return;
      case 'rendered':
        this.lastRendered = { charts: msg.charts, points: msg.points, status: msg.status };
        return;
    }
  }

  async refresh(post: HistoryPost): Promise<HistoryState> {
    post({ type: 'historyLoading', loading: true });
    try {
      const state = await loadHistoryState(await this.deps.history(), {
        days: this.days,
        thresholds: this.deps.thresholds(),
        cluster: this.deps.cluster(),
        baseline: this.baseline,
      });
      this.last = state;
      post({ type: 'historyState', state });
      return state;
    } finally {
      post({ type: 'historyLoading', loading: false });
    }
  }

  private async pin(runId: number, post: HistoryPost): Promise<void> {
    this.deps.memory.set({ ...this.deps.memory.get(), pinned: runId });
    this.baseline = { runId, status: 'running' };
    if (this.last) post({ type: 'historyState', state: (this.last = { ...this.last, baseline: this.baseline }) });
    try {
      const result = await this.deps.compare({ runId });
      const comparison = historyComparisonOf([result]);
      this.baseline = comparison
        ? { runId, status: result.status === 'failed' ? 'error' : 'done', comparison, message: result.summary }
        : { runId, status: 'error', message: result.summary || 'The comparison returned nothing to show.' };
    } catch (err) {
      this.deps.log?.(`history: baseline comparison with run ${runId} failed: ${String(err)}`);
      this.baseline = { runId, status: 'error', message: `The comparison failed: ${(err as Error)?.message ?? String(err)}` };
    }
    if (this.last) post({ type: 'historyState', state: (this.last = { ...this.last, baseline: this.baseline }) });
  }
}
