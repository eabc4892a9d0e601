// Time-series charts (Chart.js 4, time scale via chartjs-adapter-date-fns), tuned for many points:
// no parsing, no animation, no point markers, and a min-max pass that keeps ≤ ~4 points per pixel column.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
} from 'chart.js';
import 'chartjs-adapter-date-fns';
import type { ChartSpec } from '../../src/core/report/modelTypes';
import { decimateMinMax, type XY } from './decimate';
import { el } from './dom';
import { formatValue } from './format';
import { readChartTheme, type ChartTheme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend);

export interface TimeWindow {
  start: number; // epoch ms
  end: number;
}

export interface ChartHandle {
  readonly spec: ChartSpec;
  /** Points handed to Chart.js across all lines (after decimation). */
  pointsDrawn(): number;
  applyTheme(theme?: ChartTheme): void;
  destroy(): void;
}

type LineDataset = ChartDataset<'line', XY[]> & { eaKind: 'data' | 'threshold' };

/** Largest value over the lines; -Infinity when every point is a gap (= no data). Min-max keeps every bucket's max. */
function maxValue(lines: readonly (readonly XY[])[]): number {
  let m = -Infinity;
  for (const l of lines) for (const p of l) if (p.y !== null && p.y > m) m = p.y;
  return m;
}

/** The x window: the requested range when known, else the data's own extent. */
function windowOf(spec: ChartSpec, win?: TimeWindow): TimeWindow {
  if (win && Number.isFinite(win.start) && Number.isFinite(win.end) && win.end > win.start) return win;
  let start = Infinity;
  let end = -Infinity;
  for (const l of spec.lines) {
    if (!l.t.length) continue;
    start = Math.min(start, l.t[0]);
    end = Math.max(end, l.t[l.t.length - 1]);
  }
  return Number.isFinite(start) ? { start, end: end > start ? end : start + 60_000 } : { start: Date.now() - 3600_000, end: Date.now() };
}

/**
 * Appends a chart card (title + canvas, or a "no data" note) to `parent` and draws it.
 * The card must be in the document so the canvas has a width to decimate for.
 */
export interface MountOptions {
  /** Draw the target/alert guides even when the data stays far below them (history charts: "how far from the line"). */
  alwaysGuides?: boolean;
  /** Mark each point (history charts: one point per stored run, often only a few). */
  points?: boolean;
}

export function mountChart(parent: HTMLElement, spec: ChartSpec, win?: TimeWindow, initialTheme?: ChartTheme, opts: MountOptions = {}): ChartHandle | undefined {
  const card = el('figure', { class: 'chart-card', 'data-chart': spec.id }, el('figcaption', null, spec.title));
  parent.appendChild(card);
  const box = el('div', { class: 'chart-box' });
  card.appendChild(box);
  const w = windowOf(spec, win);
  let decimatedFor = Math.max(50, box.clientWidth || 300);
  const dataLines = (width: number) => spec.lines.map((l) => decimateMinMax(l.t, l.v, width, w.start, w.end));
  const first = dataLines(decimatedFor);
  const peak = maxValue(first);
  if (peak === -Infinity) {
    box.remove();
    card.appendChild(el('p', { class: 'chart-empty' }, 'No data in this range.'));
    card.setAttribute('data-empty', 'true');
    return undefined;
  }
  const canvas = el('canvas', { role: 'img', 'aria-label': `${spec.title} chart` });
  box.appendChild(canvas);
  let theme = initialTheme ?? readChartTheme();

  const datasets: LineDataset[] = first.map((data, i) => ({
    eaKind: 'data',
    label: spec.lines[i].label,
    data,
    borderWidth: 1.5,
    pointRadius: opts.points ? 2 : 0,
    pointHoverRadius: 3,
    spanGaps: false,
    tension: 0,
  }));
  // Guides: the healthy target and the alert level, drawn only when the data comes near them.
  for (const [kind, value] of [['target', spec.warning], ['alert', spec.critical]] as const) {
    if (value === undefined || !(opts.alwaysGuides || peak >= value / 2)) continue;
    datasets.push({
      eaKind: 'threshold',
      label: `${kind} ${formatValue(value, spec.unit)}`,
      data: [{ x: w.start, y: value }, { x: w.end, y: value }],
      borderWidth: 1,
      borderDash: [4, 4],
      pointRadius: 0,
      pointHoverRadius: 0,
    });
  }

  const options: ChartOptions<'line'> = {
    parsing: false,
    normalized: true,
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    plugins: {
      decimation: { enabled: false },
      legend: { display: datasets.length > 1, position: 'bottom', labels: { boxWidth: 10, boxHeight: 2, font: { size: 10 } } },
      tooltip: {
        filter: (item) => (item.dataset as LineDataset).eaKind === 'data',
        callbacks: { label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y, spec.unit)}` },
      },
    },
    scales: {
      x: {
        type: 'time',
        min: w.start,
        max: w.end,
        time: { displayFormats: { second: 'HH:mm:ss', minute: 'HH:mm', hour: 'HH:mm', day: 'MMM d' }, tooltipFormat: 'yyyy-MM-dd HH:mm:ss' },
        ticks: { maxTicksLimit: 6, maxRotation: 0, autoSkip: true, font: { size: 10 } },
      },
      y: {
        beginAtZero: true,
        ticks: { maxTicksLimit: 5, font: { size: 10 }, callback: (v) => formatValue(Number(v), spec.unit) },
      },
    },
    onResize: (chart, size) => {
      // Re-decimate when the width changed enough to matter (sidebar dragged wider or narrower).
      if (Math.abs(size.width - decimatedFor) < decimatedFor * 0.15) return;
      decimatedFor = Math.max(50, size.width);
      const fresh = dataLines(decimatedFor);
      chart.data.datasets.forEach((d, i) => {
        if (i < fresh.length) d.data = fresh[i];
      });
      queueMicrotask(() => chart.update('none'));
    },
  };

  // Colours go in before the first draw: constructing the chart renders it, a second update would draw twice.
  paintConfig(datasets, options, theme);
  const chart = new Chart<'line', XY[]>(canvas, { type: 'line', data: { datasets }, options });

  const handle: ChartHandle = {
    spec,
    pointsDrawn: () => chart.data.datasets.reduce((n, d) => n + ((d as LineDataset).eaKind === 'data' ? d.data.length : 0), 0),
    applyTheme(next = readChartTheme()) {
      theme = next;
      paintConfig(chart.data.datasets as LineDataset[], chart.options, theme);
      chart.update('none');
    },
    destroy: () => chart.destroy(),
  };
  return handle;
}

/** Applies theme colours to datasets and options (no redraw). */
function paintConfig(datasets: LineDataset[], o: ChartOptions<'line'>, t: ChartTheme): void {
  let n = 0;
  for (const d of datasets) {
    if (d.eaKind === 'threshold') {
      const c = d.label?.startsWith('alert') ? t.critical : t.warning;
      d.borderColor = c;
      d.backgroundColor = c;
    } else {
      const c = t.palette[n++ % t.palette.length];
      d.borderColor = c;
      d.backgroundColor = c;
      d.borderWidth = t.highContrast ? 2 : 1.5;
    }
  }
  o.color = t.foreground;
  for (const axis of ['x', 'y'] as const) {
    const s = o.scales?.[axis];
    if (!s) continue;
    s.ticks = { ...s.ticks, color: t.muted };
    s.grid = { ...s.grid, color: t.grid };
    s.border = { ...s.border, color: t.grid };
  }
  const legend = o.plugins?.legend;
  if (legend?.labels) legend.labels.color = t.foreground;
  const tip = o.plugins?.tooltip;
  if (tip) {
    tip.backgroundColor = t.background;
    tip.titleColor = t.foreground;
    tip.bodyColor = t.foreground;
    tip.borderColor = t.grid;
    tip.borderWidth = 1;
  }
}

/** Draws a set of charts into `grid` (cleared first) and returns their handles. */
export function mountCharts(grid: HTMLElement, specs: readonly ChartSpec[], win?: TimeWindow, opts?: MountOptions): ChartHandle[] {
  grid.replaceChildren();
  const theme = readChartTheme(); // one style read for all charts
  return specs.map((s) => mountChart(grid, s, win, theme, opts)).filter((h): h is ChartHandle => !!h);
}

/**
 * Draws one small chart off-screen and throws it away, so Chart.js, the time scale and date formatting are
 * compiled and initialised while the host is still querying Prometheus. A fresh webview otherwise pays ~100 ms
 * of one-time start-up on the first real chart (measured: one chart ≈ six charts in a cold page).
 */
export function warmUpCharts(): void {
  const host = el('div', { class: 'chart-warmup', 'aria-hidden': 'true' });
  host.style.cssText = 'position:absolute;left:-10000px;top:0;width:300px;visibility:hidden';
  document.body.appendChild(host);
  const now = Date.now();
  const t = Array.from({ length: 60 }, (_, i) => now - (60 - i) * 60_000);
  const spec: ChartSpec = {
    id: 'warmup',
    title: 'warm-up',
    unit: 'seconds',
    warning: 0.01,
    lines: [
      { label: 'a', t, v: t.map((_, i) => (i % 7 === 0 ? null : 0.005 + (i % 5) * 0.001)) },
      { label: 'b', t, v: t.map((_, i) => 0.004 + (i % 3) * 0.001) },
    ],
  };
  try {
    mountChart(host, spec, { start: t[0], end: now })?.destroy();
  } finally {
    host.remove();
  }
}
