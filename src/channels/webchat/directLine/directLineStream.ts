/**
 * The WebSocket `streamUrl` of the local Direct Line. On connect it replays what came after the
 * URL's watermark (that is how a reconnect catches up), then pushes each new activity as
 * `{activities, watermark}`, as Azure's stream does. Upgrades for other paths are left alone.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { errorSummary } from '../../../logging/errorSummary.js';
import { streamQuerySchema } from './directLineSchemas.js';
import type { LocalDirectLine } from './localDirectLine.js';

const STREAM_PATH = /\/v3\/directline\/conversations\/([^/]+)\/stream$/u;

export interface DirectLineStreamDeps {
  directLine: LocalDirectLine;
  logger: Logger;
}

/** listens for upgrades on `httpServer`; the returned function closes every stream and stops listening */
export function attachDirectLineStream(httpServer: HttpServer, deps: DirectLineStreamDeps): () => Promise<void> {
  const { conversations, tokens } = deps.directLine;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return;
    const conversationId = decodeURIComponent(match[1]);
    const query = streamQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (
      !query.success ||
      !conversations.has(conversationId) ||
      !tokens.redeemStreamTicket(query.data.t, conversationId)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const missed = conversations.since(conversationId, query.data.watermark);
      if (missed.activities.length > 0) ws.send(JSON.stringify(missed));
      const unsubscribe = conversations.subscribe(conversationId, (set) => ws.send(JSON.stringify(set)));
      ws.on('close', unsubscribe);
      // the client pings with empty messages; they keep the conversation from being forgotten
      ws.on('message', () => {
        if (conversations.has(conversationId)) conversations.touch(conversationId);
      });
      ws.on('error', (error) =>
        deps.logger.warn({ channel: 'webchat', err: errorSummary(error) }, 'direct line stream error'),
      );
    });
  };

  httpServer.on('upgrade', onUpgrade);
  return async () => {
    httpServer.off('upgrade', onUpgrade);
    for (const client of sockets.clients) client.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  };
}
