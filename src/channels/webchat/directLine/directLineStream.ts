/**
 * The WebSocket `streamUrl` of the local Direct Line. On connect it replays what came after the
 * URL's watermark (that is how a reconnect catches up), then pushes each new activity as
 * `{activities, watermark}`, as Azure's stream does. Upgrades for other paths are left to the
 * upgrade guard (src/http/upgradeGuard.ts), which also answers malformed targets.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { readUpgradeTarget, refuseUpgrade, type UpgradeTarget } from '../../../http/upgradeGuard.js';
import { errorSummary } from '../../../logging/errorSummary.js';
import { streamQuerySchema } from './directLineSchemas.js';
import type { LocalDirectLine } from './localDirectLine.js';

/** `…/v3/directline/conversations/:conversationId/stream` (any prefix: a proxy may mount it deeper) */
function streamConversationId({ segments }: UpgradeTarget): string | undefined {
  const [conversationId, stream] = segments.slice(-2);
  const prefix = segments.slice(-5, -2).join('/');
  return stream === 'stream' && prefix === 'v3/directline/conversations' && conversationId ? conversationId : undefined;
}

export function isDirectLineStreamTarget(target: UpgradeTarget): boolean {
  return streamConversationId(target) !== undefined;
}

/** how long a client gets to answer the close handshake at shutdown */
const CLOSE_HANDSHAKE_MS = 1000;

export interface DirectLineStreamDeps {
  directLine: LocalDirectLine;
  logger: Logger;
}

/** listens for upgrades on `httpServer`; the returned function closes every stream and stops listening */
export function attachDirectLineStream(httpServer: HttpServer, deps: DirectLineStreamDeps): () => Promise<void> {
  const { conversations, tokens } = deps.directLine;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // already answered by the upgrade guard
    if (socket.writableEnded) return;
    const target = readUpgradeTarget(req);
    const conversationId = target && streamConversationId(target);
    if (!target || !conversationId) return refuseUpgrade(socket, target ? 404 : 400);
    const query = streamQuerySchema.safeParse(Object.fromEntries(target.searchParams));
    if (
      !query.success ||
      !conversations.has(conversationId) ||
      !tokens.redeemStreamTicket(query.data.t, conversationId)
    ) {
      return refuseUpgrade(socket, 403);
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
    // 1001 "going away": Web Chat's client reconnects (with its watermark) instead of giving up
    for (const client of sockets.clients) client.close(1001, 'server restarting');
    const closed = new Promise<void>((resolve) => sockets.close(() => resolve()));
    // a client that does not answer the close handshake is cut
    const cut = setTimeout(() => {
      for (const client of sockets.clients) client.terminate();
    }, CLOSE_HANDSHAKE_MS);
    await closed;
    clearTimeout(cut);
  };
}
