/**
 * GET /metrics (Prometheus text). Not for the public: it answers a scraper on this host (loopback),
 * or any host that sends `Authorization: Bearer <METRICS_TOKEN>` when that is set; others get 403.
 * Nothing in it identifies a person (see helplineMetrics.ts), but queue sizes are nobody else's business.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { HelplineMetrics } from './helplineMetrics.js';

export interface MetricsRouteDeps {
  metrics: Pick<HelplineMetrics, 'scrape'>;
  /** METRICS_TOKEN */
  token?: string;
}

export function registerMetricsRoute(server: Server, { metrics, token }: MetricsRouteDeps): void {
  const allowed = scrapeAllowed(token);
  server.get('/metrics', async (req: Request, res: Response) => {
    if (!allowed(req.socket.remoteAddress, req.header('authorization'))) {
      res.send(403, { error: 'forbidden' });
      return;
    }
    const { contentType, body } = await metrics.scrape();
    res.sendRaw(200, body, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
}

/** who may read /metrics: a loopback address, or anyone with the bearer token when one is set */
export function scrapeAllowed(token: string | undefined): (remoteAddress?: string, authorization?: string) => boolean {
  const expected = token ? digest(token) : undefined;
  return (remoteAddress, authorization) => {
    if (isLoopback(remoteAddress)) return true;
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return expected !== undefined && presented !== undefined && timingSafeEqual(digest(presented), expected);
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
