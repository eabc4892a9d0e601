// TEST DOUBLE: an in-process Prometheus HTTP API (no real Prometheus behind it) with switchable misbehaviours, for
// the bad-input suite. It answers every instant/range query with one series per member (synthetic values, the
// labels the generic profile reads: job, member, instance), so every analyzer has data; a misbehaviour replaces
// the answer for all queries or only those matching `match` (one broken query among good ones = a partial result).
// Unlike faultyPrometheus.ts (a proxy in front of the real test bed), this needs nothing installed, so it runs in
// the unit stage and can pretend to have 3,000 members.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Misbehaviour =
  | { kind: 'none' }
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'hang' }
  | { kind: 'trickle'; chunkDelayMs: number; chunks: number }
  | { kind: 'truncated' }
  | { kind: 'reset' }
  | { kind: 'body'; body: string; contentType?: string }
  | { kind: 'huge'; bytes: number; gzip?: boolean }
  | { kind: 'value'; value: string }
  | { kind: 'warnings'; warnings: string[] }
  | { kind: 'resultType'; resultType: string };

export interface FakePrometheusOptions {
  /** Member names (label `member`); default m1..m3. */
  members?: string[];
  /** Value every sample gets (Prometheus sends values as strings: "NaN", "+Inf" are legal). */
  value?: string;
}

export interface FakePrometheus {
  url: string;
  port: number;
  /** Queries seen, in order (bounded to the last 10,000). */
  queries: string[];
  /** Authorization headers seen (to prove credentials were or were not sent). */
  authorizations: (string | undefined)[];
  requests: number;
  /** Misbehave for every query, or only those matching `match`. */
  set(m: Misbehaviour, match?: RegExp): void;
  members: string[];
  close(): Promise<void>;
}

const BUILD_INFO = { status: 'success', data: { version: '2.45.0-fake', revision: 'fake', branch: 'fake', goVersion: 'go' } };

export async function startFakePrometheus(opts: FakePrometheusOptions = {}): Promise<FakePrometheus> {
  let mode: Misbehaviour = { kind: 'none' };
  let match: RegExp | undefined;
  const state = {
    url: '',
    port: 0,
    queries: [] as string[],
    authorizations: [] as (string | undefined)[],
    requests: 0,
    members: opts.members ?? ['m1', 'm2', 'm3'],
    set(m: Misbehaviour, re?: RegExp) {
      mode = m;
      match = re;
    },
    close: async () => {},
  };
  const value = () => (mode.kind === 'value' && !match ? mode.value : opts.value ?? '0.004');

  /** One label set per answer "leaf": the markers (label_replace) enclosing each innermost statistic/metric part. */
  function leaves(query: string): Record<string, string>[] {
    if (/^\s*etcd_server_version/.test(query)) {
      // Discovery: generation, member ids, node targets.
      const out: Record<string, string>[] = [{ __name__: 'etcd_server_version', server_version: '3.5.17' }, { __name__: 'etcd_server_id', server_id: 'ID' }, { __name__: 'up', job: 'node' }];
      return out;
    }
    const spans: { start: number; end: number; name: string; value: string }[] = [];
    const open = 'label_replace(';
    for (let i = query.indexOf(open); i >= 0; i = query.indexOf(open, i + 1)) {
      let depth = 0;
      let j = i + open.length - 1;
      for (; j < query.length; j++) {
        const c = query[j];
        if (c === '"') {
          j++;
          while (j < query.length && query[j] !== '"') j += query[j] === '\\' ? 2 : 1;
        } else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      const m = /,\s*"([^"]+)",\s*"((?:[^"\\]|\\.)*)",\s*"",\s*""\)$/.exec(query.slice(i, j + 1));
      if (m) spans.push({ start: i, end: j, name: m[1], value: m[2] });
    }
    if (!spans.length) return [{}];
    const inner = spans.filter((a) => !spans.some((b) => b !== a && b.start > a.start && b.end < a.end));
    return inner.map((leaf) => {
      const labels: Record<string, string> = {};
      for (const s of spans) if (s.start <= leaf.start && s.end >= leaf.end) labels[s.name] = s.value;
      return labels;
    });
  }

  function series(query: string, range: { start: number; end: number; step: number } | undefined, v: string): unknown[] {
    const out: unknown[] = [];
    const node = /\bnode_|job="node"/.test(query) && !/etcd_/.test(query);
    for (const extra of leaves(query)) {
      for (let i = 0; i < state.members.length; i++) {
        const instance = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:${node || extra.job === 'node' ? 9100 : 2379}`;
        const labels: Record<string, string> = { job: node ? 'node' : 'etcd', member: state.members[i], instance, ...extra };
        if (labels.server_id === 'ID') labels.server_id = (0x1000 + i).toString(16);
        if (range) {
          const values: [number, string][] = [];
          const n = Math.min(30, Math.max(1, Math.floor((range.end - range.start) / range.step) + 1));
          for (let k = 0; k < n; k++) values.push([range.start + k * range.step, v]);
          out.push({ metric: labels, values });
        } else {
          out.push({ metric: labels, value: [Date.now() / 1000, v] });
        }
      }
    }
    return out;
  }

  function answer(path: string, form: URLSearchParams): unknown {
    if (path.endsWith('/status/buildinfo')) return BUILD_INFO;
    const query = form.get('query') ?? '';
    const m = mode.kind !== 'none' && (!match || match.test(query)) ? mode : undefined;
    const v = m?.kind === 'value' ? m.value : value();
    if (path.endsWith('/query_range')) {
      const range = { start: Number(form.get('start')), end: Number(form.get('end')), step: Number(form.get('step')) || 60 };
      return { status: 'success', data: { resultType: m?.kind === 'resultType' ? m.resultType : 'matrix', result: series(query, range, v) }, ...(m?.kind === 'warnings' ? { warnings: m.warnings } : {}) };
    }
    return { status: 'success', data: { resultType: m?.kind === 'resultType' ? m.resultType : 'vector', result: series(query, undefined, v) }, ...(m?.kind === 'warnings' ? { warnings: m.warnings } : {}) };
  }

  function misbehave(m: Misbehaviour, req: IncomingMessage, res: ServerResponse, good: () => string): boolean {
    switch (m.kind) {
      case 'status':
        res.writeHead(m.status, { 'content-type': m.contentType ?? 'text/plain' }).end(m.body ?? `fake status ${m.status}`);
        return true;
      case 'redirect':
        res.writeHead(m.status, { location: m.location, 'content-type': 'text/plain' }).end('moved');
        return true;
      case 'hang':
        return true; // never answers; the client's timeout or abort ends it
      case 'trickle': {
        const body = good();
        const size = Math.ceil(body.length / m.chunks);
        res.writeHead(200, { 'content-type': 'application/json' });
        let k = 0;
        const next = () => {
          if (res.destroyed) return;
          if (k >= m.chunks) return void res.end();
          res.write(body.slice(k * size, (k + 1) * size));
          k++;
          setTimeout(next, m.chunkDelayMs);
        };
        next();
        return true;
      }
      case 'truncated': {
        const body = good();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => res.destroy(), 5);
        return true;
      }
      case 'reset':
        req.socket.destroy();
        return true;
      case 'body':
        res.writeHead(200, { 'content-type': m.contentType ?? 'application/json' }).end(m.body);
        return true;
      case 'huge': {
        // A valid JSON prefix, then padding inside a string: a parser would accept it if it got to the end.
        const pad = Buffer.alloc(Math.max(0, m.bytes - 64), 0x61);
        const body = Buffer.concat([Buffer.from('{"status":"success","data":{"resultType":"vector","result":[]},"x":"'), pad, Buffer.from('"}')]);
        if (m.gzip) res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(body, { level: 9 }));
        else res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
        return true;
      }
      default:
        return false;
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      state.authorizations.push(req.headers.authorization);
      const u = new URL(req.url ?? '/', 'http://fake');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      for (const [k, v] of u.searchParams) if (!form.has(k)) form.set(k, v);
      const query = form.get('query') ?? '';
      if (state.queries.length >= 10_000) state.queries.shift();
      state.queries.push(query);
      if (!u.pathname.startsWith('/api/v1/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
        return;
      }
      const good = () => JSON.stringify(answer(u.pathname, form));
      const applies = mode.kind !== 'none' && (!match || match.test(query)) && !u.pathname.endsWith('/status/buildinfo');
      if (applies && misbehave(mode, req, res, good)) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(good());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
