// A TCP proxy on 127.0.0.1 in front of one etcd peer port. It can hold every chunk `delayMs` in each direction
// (order kept: a constant added latency), and it can cut a member off: connections carrying that member's
// `X-Server-From` header (rafthttp names the sending member on every stream and pipeline request) are closed,
// as is everything when the proxy fronts the cut-off member itself. Runs in the caller's process, so it can never
// outlive it; close() ends every socket.
import net from 'node:net';

export interface DelayProxy {
  port: number;
  setDelay(ms: number): void;
  /** Close every connection from the member with this hex id (undefined: let all through); `all` cuts everything. */
  block(from: string | 'all' | undefined): void;
  close(): Promise<void>;
}

export function startDelayProxy(listenPort: number, targetPort: number, delayMs: number): Promise<DelayProxy> {
  const pairs = new Set<[net.Socket, net.Socket, string]>();
  let delay = delayMs;
  let blocked: string | undefined;
  const isBlocked = (head: string) => blocked === 'all' || (!!blocked && head.toLowerCase().includes(`x-server-from: ${blocked}`));

  const server = net.createServer((client) => {
    if (blocked === 'all') {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair: [net.Socket, net.Socket, string] = [client, upstream, ''];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    const forward = (from: net.Socket, to: net.Socket, sniff: boolean) => {
      // Each chunk leaves `delay` ms after it arrived, never before the previous one (order kept when the delay
      // is lowered while chunks are held).
      let lastAt = 0;
      const later = (f: () => void) => {
        const at = Math.max(Date.now() + delay, lastAt);
        lastAt = at;
        if (at <= Date.now()) f();
        else setTimeout(f, at - Date.now());
      };
      from.on('data', (chunk) => {
        if (sniff && pair[2].length < 4096) {
          pair[2] += chunk.toString('latin1');
          if (isBlocked(pair[2])) return end();
        }
        later(() => {
          if (!to.destroyed) to.write(chunk);
        });
      });
      from.on('end', () => later(() => to.end()));
    };
    forward(client, upstream, true);
    forward(upstream, client, false);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({
        port: listenPort,
        setDelay(ms) {
          delay = ms;
        },
        block(from) {
          blocked = from?.toLowerCase();
          for (const p of [...pairs]) if (isBlocked(p[2])) (p[0].destroy(), p[1].destroy(), pairs.delete(p));
        },
        close: () =>
          new Promise<void>((r) => {
            for (const p of pairs) (p[0].destroy(), p[1].destroy());
            pairs.clear();
            server.close(() => r());
          }),
      }),
    );
  });
}
