/**
 * A loopback TCP link to a server (here: PostgreSQL) that a test can cut and restore, as a network
 * outage or a stopped database host looks to the application: open connections are reset, new ones
 * are refused; after `restore()` the same address works again and the data behind it is unchanged.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface CuttableTcpLink {
  /** the loopback port to connect to instead of the target's */
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startCuttableTcpLink(target: { host: string; port: number }): Promise<CuttableTcpLink> {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    // a reset on one side only ends the pair; nothing to report
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of open) socket.resetAndDestroy();
    });

  return {
    port,
    cut: stopListening,
    async restore() {
      await listen(port);
    },
    close: stopListening,
  };
}
