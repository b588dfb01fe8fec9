/**
 * WebSocket upgrade requests bypass restify: Node hands them to the server's `upgrade` listeners,
 * and a socket no listener answers stays open for ever. The guard is the first listener: a target
 * that is not a valid path (or has a malformed percent escape) is answered 400, a path no WebSocket
 * endpoint serves 404, and only the rest is left to the endpoint's own listener. CONNECT gets 405.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface UpgradeTarget {
  /** the path with each segment decoded */
  segments: string[];
  pathname: string;
  searchParams: URLSearchParams;
}

/** the request target, parsed; undefined when it is not an origin-form path or an escape is malformed */
export function readUpgradeTarget(req: IncomingMessage): UpgradeTarget | undefined {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    const url = new URL(target, 'http://localhost');
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    // URLSearchParams never throws: a bad escape in the query is kept as typed
    return { segments, pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return undefined;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

/** answers the upgrade with a plain HTTP status and closes the socket once that is written */
export function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404 | 405): void {
  if (socket.writableEnded || socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 0\r\n\r\n`,
  );
}

/** installs the guard; `serves(target)` says whether a WebSocket endpoint takes this target */
export function guardUpgrades(httpServer: HttpServer, serves: (target: UpgradeTarget) => boolean): void {
  httpServer.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    // a reset socket must not become an unheard 'error' that ends the process
    socket.on('error', () => socket.destroy());
    const target = readUpgradeTarget(req);
    if (!target) refuseUpgrade(socket, 400);
    else if (!serves(target)) refuseUpgrade(socket, 404);
  });
  // CONNECT (a proxy tunnel) bypasses restify too; unheard, Node would drop the socket unanswered
  httpServer.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuseUpgrade(socket, 405);
  });
}
