// User-typed label selectors (`job=~".*etcd.*", cluster="prod"`) are PromQL the user wrote: checked for shape
// so they cannot break out of the `{…}` they are placed in, otherwise passed through as typed.

const NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
const OP = '(?:=~|!~|!=|=)';
const STR = `(?:"(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*')`;
const ONE = `\\s*${NAME}\\s*${OP}\\s*${STR}\\s*`;
const SELECTOR_RE = new RegExp(`^${ONE}(?:,${ONE})*,?\\s*$`);

export class ProfileConfigError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ProfileConfigError';
  }
}

/** Returns the trimmed selector, `fallback` when empty; throws ProfileConfigError naming the option when malformed. */
export function validateSelector(selector: string | undefined, fallback: string, option: string): string {
  const s = (selector ?? '').trim();
  if (!s) return fallback;
  const example = option.includes('node') ? 'job="node-exporter"' : 'job="etcd"';
  if (/[{}]/.test(s)) {
    throw new ProfileConfigError(
      `the ${option} "${s.slice(0, 80)}" contains { or }`,
      `write only the label matchers, without braces, e.g. ${example}`,
    );
  }
  if (!SELECTOR_RE.test(s)) {
    throw new ProfileConfigError(
      `the ${option} "${s.slice(0, 80)}" is not a list of PromQL label matchers`,
      `use label="value" pairs separated by commas (operators =, !=, =~, !~), e.g. ${example}`,
    );
  }
  return s.replace(/,\s*$/, '');
}
