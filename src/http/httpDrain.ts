/**
 * Stops an HTTP server the way a rolling restart needs it: no new connections, every request already
 * received is answered, and each keep-alive connection is closed as soon as its last response is out
 * (responses sent while draining say `Connection: close`, so a client does not reuse a connection
 * that is about to go). What is still open at the deadline (a client that never finished its request)
 * is cut. Node's own `server.close()` would wait for idle keep-alive connections to time out.
 */
import type { Server, ServerResponse } from 'node:http';

export interface HttpDrain {
  /** resolves when every connection is gone; `cutAt` (epoch ms, or Infinity) is when to stop waiting for them */
  drain(cutAt: number): Promise<{ cutConnections: number }>;
}

export function createHttpDrain(server: Server): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;

  const closeWhenIdle = () => {
    if (draining) setImmediate(() => server.closeIdleConnections());
  };
  server.on('request', (_req, res: ServerResponse) => {
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      closeWhenIdle();
    });
  });

  return {
    async drain(cutAt) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (!Number.isFinite(cutAt)) {
        await closed;
        return { cutConnections: 0 };
      }
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'cut'>((resolve) => {
        timer = setTimeout(() => resolve('cut'), Math.max(0, cutAt - Date.now()));
      });
      const result = await Promise.race([closed, deadline]);
      clearTimeout(timer);
      if (result !== 'cut') return { cutConnections: 0 };
      const cutConnections = inFlight.size;
      server.closeAllConnections();
      await closed;
      return { cutConnections };
    },
  };
}
