/**
 * GET /healthz: 200 while the store can write (it commits a heartbeat row), 503 when it cannot.
 * GET /readyz: the same, and 503 as soon as the process is shutting down, so that a load balancer
 * stops sending traffic before the listener closes. A load balancer may poll every second: calls
 * that arrive together share one probe, and its answer is reused for a moment.
 */
import type { Request, Response, Server } from 'restify';
import type { Store } from '../storage/ports.js';

export interface HealthRoutesDeps {
  store: Store;
  isShuttingDown: () => boolean;
}

/** how long one probe's answer is reused: a flood of health checks costs one write per interval */
const REUSE_MS = 500;

export function registerHealthRoutes(server: Server, { store, isShuttingDown }: HealthRoutesDeps): void {
  let last: { at: number; healthy: Promise<boolean> } | undefined;
  const probe = (): Promise<boolean> => {
    const now = Date.now();
    if (!last || now - last.at >= REUSE_MS) last = { at: now, healthy: store.isHealthy().catch(() => false) };
    return last.healthy;
  };

  server.get('/healthz', async (_req: Request, res: Response) => {
    const healthy = await probe();
    res.header('Cache-Control', 'no-store');
    res.send(healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = !isShuttingDown() && (await probe());
    res.header('Cache-Control', 'no-store');
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : isShuttingDown() ? 'shutting_down' : 'unavailable' });
  });
}
