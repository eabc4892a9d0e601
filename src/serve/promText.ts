// The Prometheus text exposition format (0.0.4): HELP/TYPE lines and samples with escaped label values, so a
// member or rule name holding quotes, backslashes or newlines cannot break (or inject into) the scrape.

export type Labels = Record<string, string>;

export interface MetricFamily {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels?: Labels; value: number }[];
}

/** Label value escaping of the text format: `\` → `\\`, `"` → `\"`, newline → `\n`. */
export function escapeLabelValue(v: string): string {
  return String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escaping: `\` and newline only. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function renderPromText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
      lines.push(`${f.name}${text} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
