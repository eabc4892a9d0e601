// PromQL building blocks. Label values are data: they are escaped before they enter a string literal.

/** Label names PromQL accepts (same grammar as Prometheus' model.LabelNameRE). */
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type MatchOp = '=' | '!=' | '=~' | '!~';
const OPS: readonly MatchOp[] = ['=', '!=', '=~', '!~'];

/**
 * Escapes a value for a PromQL double-quoted string literal: backslash, double quote, newline, carriage return, tab.
 * Note: inside `=~` matchers the value is also a regex; escape regex metacharacters separately (`escapeRegex`).
 */
export function escapeLabelValue(value: string): string {
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
}

/** Escapes RE2 metacharacters so a literal value can be used inside a `=~` matcher. */
export function escapeRegex(value: string): string {
  return String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME_RE.test(name);
}

/** `matcher('pod', '=', 'etcd-a"}')` → `pod="etcd-a\"}"`. Throws on an invalid label name or operator. */
export function matcher(name: string, op: MatchOp, value: string): string {
  if (!isValidLabelName(name)) {
    throw new Error(`"${String(name).slice(0, 40)}" is not a valid Prometheus label name (letters, digits, _; not starting with a digit)`);
  }
  if (!OPS.includes(op)) throw new Error(`"${String(op)}" is not a PromQL matcher operator (use =, !=, =~ or !~)`);
  return `${name}${op}"${escapeLabelValue(value)}"`;
}

/** Joins matcher strings (already safe PromQL) with commas, skipping empty ones. */
export function joinMatchers(...parts: (string | undefined)[]): string {
  return parts.map((p) => (p ?? '').trim()).filter(Boolean).join(', ');
}
