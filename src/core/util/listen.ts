// Binding a node http server, shared by the MCP HTTP server and `serve`: resolves with the port actually bound (the
// kernel's choice for port 0, which tests and wrappers read back), rejects with the bind error (port in use, an
// address this machine does not have) instead of letting it escape as an unhandled 'error' event.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
