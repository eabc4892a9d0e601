// Human formatting of values by unit. Used by markdown, HTML and chart tooltips alike.
import type { MetricSummary, Statistic, Unit } from '../types';

/** One statistic of a summary row: "above the top bucket" for a +Inf quantile, "no data" for none, else the value. */
export function formatStat(m: Pick<MetricSummary, 'stats' | 'unit' | 'aboveTop'>, stat: Statistic): string {
  if (m.aboveTop?.includes(stat) && (m.stats[stat] === null || m.stats[stat] === undefined)) return 'above top bucket';
  return formatValue(m.stats[stat], m.unit);
}

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === Number.POSITIVE_INFINITY) return 'above top bucket';
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  switch (unit) {
    case 'seconds':
      if (value === 0) return '0 ms';
      if (Math.abs(value) < 1e-3) return `${(value * 1e6).toFixed(0)} µs`;
      if (Math.abs(value) < 1) return `${trim(value * 1e3)} ms`;
      return `${trim(value)} s`;
    case 'bytes':
      return bytes(value);
    case 'bytes_per_second':
      return `${bytes(value)}/s`;
    case 'percent':
      return `${trim(value)} %`;
    case 'ratio':
      return `${trim(value * 100)} %`;
    case 'per_second':
      return `${trim(value)}/s`;
    case 'bool':
      return value >= 0.5 ? 'yes' : 'no';
    case 'count':
    default:
      return Number.isInteger(value) ? String(value) : trim(value);
  }
}

function trim(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return Number(v.toFixed(digits)).toString();
}

function bytes(v: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let x = v;
  while (Math.abs(x) >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${trim(x)} ${units[i]}`;
}
