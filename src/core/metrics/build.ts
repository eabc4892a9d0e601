// PromQL building blocks shared by the catalog files: selectors, "by identity" clauses, rates, quantiles.
// Every aggregation keeps the labels that say which member/node/pair a value belongs to, so the collector can
// map each sample back to a row without guessing.
import { joinMatchers } from '../util/promql';
import type { QueryParams } from './types';

/** Labels that can carry an etcd member's identity (the profile picks the first present: member, pod, instance). */
export const ETCD_IDENTITY = ['member', 'pod', 'instance'] as const;
/** Labels that can carry a node's identity on node-exporter series. */
export const NODE_IDENTITY = ['node', 'instance'] as const;

/**
 * Block devices that are not real disks, or duplicate one: RAM/zram/loop/floppy/optical/nbd devices and
 * partitions of a whole disk (sda1, vda2, nvme0n1p1, mmcblk0p1). Whole disks, dm-* (LVM) and md* (RAID) stay.
 * Same spirit as node-exporter's own default `--collector.diskstats.device-exclude`.
 */
export const DISK_DEVICE_EXCLUDE =
  '(z?ram|loop|fd|sr|nbd)[0-9]+|((h|s|v|xv)d[a-z]+|nvme[0-9]+n[0-9]+p|mmcblk[0-9]+p)[0-9]+';

/**
 * Virtual network interfaces that only mirror traffic already counted on a real NIC: container veths, bridges of
 * container runtimes/CNIs, tunnels, OVS internals, traffic-shaping ifb devices, OVN pod ports (15 hex chars).
 * Loopback `lo` is deliberately kept: a cluster whose members share one host (the local test bed) talks over it.
 */
export const NET_DEVICE_EXCLUDE =
  'veth.*|docker[0-9]*|cni[0-9]*|flannel[.].*|cali.*|tunl[0-9]*|vxlan.*|genev_sys_.*|ovs-system|br-int|virbr[0-9]*(-nic)?|ifb[0-9]+|kube-ipvs[0-9]*|[0-9a-f]{15}';

/** `by (member, pod, instance, To)`: the etcd identity plus the metric's key labels. */
export function byEtcd(...extra: string[]): string {
  return `by (${[...ETCD_IDENTITY, ...extra].join(', ')})`;
}

/** `by (node, instance, device)`: the node identity plus the metric's key labels. */
export function byNode(...extra: string[]): string {
  return `by (${[...NODE_IDENTITY, ...extra].join(', ')})`;
}

/** `name{<etcd matchers>, <extra>, <member filter>}`. */
export function etcdSel(p: QueryParams, name: string, extra?: string): string {
  return `${name}{${joinMatchers(p.etcd, extra, stripComma(p.memberFilter))}}`;
}

/** `name{<node matchers>, <extra>}` (node series carry no member label: the collector filters nodes itself). */
export function nodeSel(p: QueryParams, name: string, extra?: string): string {
  return `${name}{${joinMatchers(p.node, extra)}}`;
}

/** Node-exporter disk selector with the virtual-device filter. */
export function diskSel(p: QueryParams, name: string): string {
  return nodeSel(p, name, `device!~"${DISK_DEVICE_EXCLUDE}"`);
}

/** Node-exporter network selector with the virtual-interface filter (keeps `lo`). */
export function netSel(p: QueryParams, name: string): string {
  return nodeSel(p, name, `device!~"${NET_DEVICE_EXCLUDE}"`);
}

/** memberFilter arrives as `,member="m1"` (contract); joinMatchers wants it without the comma. */
function stripComma(s: string): string {
  return s.replace(/^\s*,\s*/, '');
}

/**
 * How much a counter grew over `window`. Over the whole analysed window, when the collector saw no restart in it
 * (p.windowDelta), the difference of the counter's value at the window's end and at its start: two look-ups per
 * series instead of reading every sample (a week at a 30 s scrape is 20,160 samples per series). The start value is
 * the last one up to START_LOOKBACK before the start (a scrape gap or a Prometheus restart there does not lose it). A
 * series born inside the window has no start value: an etcd counter counts from 0 (a failure counter that appears
 * with its first failure), a node counter falls back to `increase` (see CounterOrigin). Otherwise `increase(sel[window])`.
 */
export function counterIncrease(p: QueryParams, sel: string, window: string, origin: CounterOrigin = 'since-boot'): string {
  if (!p.windowDelta || window !== p.window) return `increase(${sel}[${window}])`;
  const seconds = parseInt(window, 10);
  const lookback = Math.max(parseInt(p.rateWindow, 10), Math.min(Math.round(seconds / 10), START_LOOKBACK_SECONDS));
  // A series with no value at the window's start was born inside it. An etcd counter is born at 0 with its process,
  // so its value is its growth; a node-exporter counter counts since the machine booted (an exporter started inside
  // the window), so only Prometheus' own increase over the samples it has is right.
  const bornInside = origin === 'process' ? sel : `increase(${sel}[${window}])`;
  return `((${sel} - last_over_time(${sel}[${lookback}s] offset ${window})) or ${bornInside})`;
}

/**
 * Where a counter starts: `process` — at 0 when the exporting process starts (etcd's own counters; a restart inside
 * the window is caught by windowFacts and read exactly); `since-boot` — node-exporter's counters, which a freshly
 * started exporter reports from the machine's boot.
 */
export type CounterOrigin = 'process' | 'since-boot';

/** How far before the window's start its start value is looked for (at most a tenth of the window). */
const START_LOOKBACK_SECONDS = 900;

/** Per-second rate of a counter over `window`: `rate(sel[window])`, or counterIncrease / window (see there). */
export function counterRate(p: QueryParams, sel: string, window: string, origin: CounterOrigin = 'since-boot'): string {
  if (!p.windowDelta || window !== p.window) return `rate(${sel}[${window}])`;
  return `(${counterIncrease(p, sel, window, origin)} / ${parseInt(window, 10)})`;
}

/** `sum by (<etcd identity>, extra…) (rate(sel[window]))`. */
export function etcdRate(p: QueryParams, name: string, window: string, extraSel?: string, extraBy: string[] = []): string {
  return `sum ${byEtcd(...extraBy)} (${counterRate(p, etcdSel(p, name, extraSel), window, 'process')})`;
}

/** `sum by (<etcd identity>, extra…) (increase(sel[window]))`. */
export function etcdIncrease(p: QueryParams, name: string, window: string, extraSel?: string, extraBy: string[] = []): string {
  return `sum ${byEtcd(...extraBy)} (${counterIncrease(p, etcdSel(p, name, extraSel), window, 'process')})`;
}

/** `histogram_quantile(q, sum by (<identity>, extra…, le) (rate(name_bucket[window])))`. */
export function etcdQuantile(p: QueryParams, q: number, histogram: string, window: string, extraSel?: string, extraBy: string[] = []): string {
  return `histogram_quantile(${q}, ${etcdRate(p, `${histogram}_bucket`, window, extraSel, [...extraBy, 'le'])})`;
}

/** `(a) or (b) or …`: the first name that has series wins, per label set (metric renames between etcd versions). */
export function orFallback(...exprs: string[]): string {
  return exprs.length === 1 ? exprs[0] : exprs.map((e) => `(${e})`).join(' or ');
}

/** Old (3.4 `etcd_debugging_…`) and new names, ordered so the generation's own name is tried first. */
export function byGeneration<T>(p: QueryParams, names: { v34: T; v35: T }): [T, T] {
  return p.generation === '3.4' ? [names.v34, names.v35] : [names.v35, names.v34];
}

/** Worst rolling value over the window: `max_over_time((expr)[window:step])`. */
export function maxOverWindow(p: QueryParams, expr: string): string {
  return `max_over_time((${expr})[${p.window}:${p.step ?? p.rateWindow}])`;
}

/** `<fn>_over_time((expr)[window:step])` for gauges and derived ratios. */
export function overWindow(p: QueryParams, fn: 'avg' | 'max' | 'min' | 'last', expr: string): string {
  return `${fn}_over_time((${expr})[${p.window}:${p.step ?? p.rateWindow}])`;
}
