// etcd ids arrive as decimal uint64 strings in the v3 JSON gateway and as numbers in `etcdctl -w json`;
// humans and etcdctl's table output use hex. Beyond 2^53, so BigInt.

/** `"3131974001197962702"` → `"2b76a3d8d2c4f8ce"`; hex input passes through lower-cased; invalid → ''. */
export function toHexId(id: unknown): string {
  if (typeof id === 'bigint') return id.toString(16);
  if (typeof id === 'number' && Number.isFinite(id)) return BigInt(Math.trunc(id)).toString(16);
  if (typeof id !== 'string') return '';
  const s = id.trim();
  if (/^\d+$/.test(s)) return BigInt(s).toString(16);
  if (/^(0x)?[0-9a-f]+$/i.test(s)) return s.replace(/^0x/i, '').toLowerCase();
  return '';
}

/** Alarm types as the gateway prints them (enum names, or numbers in some versions). */
export function alarmName(v: unknown): string {
  if (v === 1 || v === '1') return 'NOSPACE';
  if (v === 2 || v === '2') return 'CORRUPT';
  return typeof v === 'string' && v ? v : 'UNKNOWN';
}

/** `https://h` and `https://h:443` are the same endpoint: host:port with the scheme's default port filled in. */
export function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}
