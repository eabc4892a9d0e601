// Prometheus `instance` labels: `host:port`, `[2001:db8::1]:2381`, or a bare host/node name.

/** Splits an instance label into host (IPv6 brackets removed) and port. */
export function splitInstance(instance: string): { host: string; port?: string } {
  const v = instance.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const colons = (v.match(/:/g) ?? []).length;
  if (colons === 1) {
    const [host, port] = v.split(':');
    if (/^\d+$/.test(port)) return { host, port };
  }
  // Bare IPv6 (several colons, no brackets) or a host without a port.
  return { host: v };
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** Host equality for member→node matching: case-insensitive, loopback spellings are one host. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

export function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (LOOPBACK.has(x) && LOOPBACK.has(y));
}
