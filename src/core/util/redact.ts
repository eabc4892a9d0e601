// One redaction for URLs and free text, used wherever a URL is shown, stored, logged, used as a history key or put
// in a file name. Credentials a user typed into a URL (user:password@, ?token=…) are for the request only.

/** Query parameter names whose value is a credential (matched case-insensitively on the whole name). */
const SECRET_PARAM = /^(?:[\w.-]*token[\w.-]*|[\w.-]*secret[\w.-]*|[\w.-]*passw(?:or)?d|pass|pwd|[\w.-]*api[-_]?key|key|auth[\w.-]*|[\w.-]*signature|sig|[\w.-]*credential[\w.-]*|session[\w.-]*|jwt|code)$/i;

/** `scheme://user:pass@host…` (userinfo ends at the last @ before the path). */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/**
 * A URL without userinfo and with credential-like query values replaced by `***`. A URL without either comes back
 * unchanged, byte for byte (history rows stored before this redaction keep matching).
 */
export function redactUrl(url: string): string {
  let out = String(url ?? '').replace(USERINFO, '$1');
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const query = out.slice(q + 1, hash >= 0 ? hash : undefined);
    const cleaned = query
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const name = safeDecode(eq >= 0 ? pair.slice(0, eq) : pair);
        return eq >= 0 && SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=***` : pair;
      })
      .join('&');
    out = `${out.slice(0, q + 1)}${cleaned}${hash >= 0 ? out.slice(hash) : ''}`;
  }
  return out;
}

/** Whether the URL carries credentials (userinfo or a credential-like query parameter). */
export function urlHasCredentials(url: string): boolean {
  return redactUrl(url) !== String(url ?? '');
}

/**
 * Free text (an error from a server, a log line) with credentials replaced by `***`: Bearer/Basic values,
 * `Authorization:` headers, userinfo in any URL, credential-like query parameters in any URL.
 */
export function redactSecrets(text: string): string {
  return String(text ?? '')
    .replace(/\b(authorization\s*[:=]\s*)(?!\*\*\*)[^\s,;"']+(?:\s+[^\s,;"']+)?/gi, '$1***')
    .replace(/\b(Bearer|Basic)(\s+)(?!\*\*\*)[A-Za-z0-9._~+/=-]{4,}/gi, '$1$2***')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@"'<>]*@/gi, '$1***@')
    .replace(/([?&])([^=&\s#"'<>]+)=([^&\s#"'<>]*)/g, (all, sep: string, name: string) => (SECRET_PARAM.test(safeDecode(name)) ? `${sep}${name}=***` : all));
}

/** The one-time advice when a URL carries a password or token. */
export const URL_CREDENTIALS_HINT =
  'the Prometheus URL carries credentials: they are used for the request but show in process lists and shell history, ' +
  'and are never printed or stored; put a bearer token in a file instead (--token-file / ETCD_ANALYZER_TOKEN_FILE)';

const hinted = new Set<string>();
/** Calls `warn` with URL_CREDENTIALS_HINT the first time a URL with credentials is seen in this process. */
export function hintOnceAboutUrlCredentials(url: string | undefined, warn: (message: string) => void): void {
  if (!url || !urlHasCredentials(url)) return;
  const key = redactUrl(url);
  if (hinted.has(key)) return;
  hinted.add(key);
  warn(URL_CREDENTIALS_HINT);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
