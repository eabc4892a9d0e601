// A TCP proxy on 127.0.0.1 in front of one etcd peer port: every chunk is held `delayMs` in each direction
// (order kept), or, with mode 'drop', every connection is cut (a partitioned member). Runs in the caller's
// process, so it can never outlive it; close() ends every socket.
import net from 'node:net';

export interface DelayProxy {
  port: number;
  setMode(mode: 'delay' | 'drop'): void;
  close(): Promise<void>;
}

export function startDelayProxy(listenPort: number, targetPort: number, delayMs: number): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let mode: 'delay' | 'drop' = 'delay';
  const server = net.createServer((client) => {
    if (mode === 'drop') {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    // Delay each chunk, keeping order: a chunk is written delayMs after it arrived (a constant added latency).
    const pipeDelayed = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => {
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, delayMs);
      });
      from.on('end', () => setTimeout(() => to.end(), delayMs));
    };
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({
        port: listenPort,
        setMode(m) {
          mode = m;
          if (m === 'drop') for (const s of sockets) s.destroy();
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    );
  });
}
