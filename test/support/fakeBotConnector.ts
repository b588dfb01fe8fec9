/**
 * A local stand-in for the Bot Connector service: the HTTP API a bot replies to
 * (`POST /v3/conversations/:id/activities[/:replyToId]`). Tests name it as the activity's
 * `serviceUrl` and read what the bot sent.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorActivity {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  locale?: string;
  from?: { id?: string; name?: string; role?: string };
  recipient?: { id?: string };
  conversation?: { id?: string };
  replyToId?: string;
  suggestedActions?: {
    to?: string[];
    actions: Array<{ type: string; title?: string; text?: string; displayText?: string; value?: unknown }>;
  };
  channelData?: Record<string, unknown>;
}

export interface RecordedActivity {
  conversationId: string;
  /** set when the bot replied to an activity (the `/:replyToId` form) */
  replyToId?: string;
  authorization?: string;
  activity: ConnectorActivity;
}

export interface FakeBotConnector {
  /** for the activity's serviceUrl (ends with a slash, as Azure's do) */
  serviceUrl: string;
  received: RecordedActivity[];
  /** resolves once `count` activities match, or rejects after `timeoutMs` */
  waitFor(
    count: number,
    match?: (recorded: RecordedActivity) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedActivity[]>;
  close(): Promise<void>;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/u;

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const received: RecordedActivity[] = [];
  const events = new EventEmitter();
  let nextId = 1;

  const server = createServer(async (req, res) => {
    const match = req.method === 'POST' ? ACTIVITIES_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname) : null;
    if (!match?.[1]) {
      reply(res, 404, { error: { code: 'NotFound' } });
      return;
    }
    const activity = JSON.parse(await readBody(req)) as ConnectorActivity;
    received.push({
      conversationId: decodeURIComponent(match[1]),
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      activity,
    });
    events.emit('activity');
    reply(res, 200, { id: `fake-${nextId++}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    waitFor(count, match = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.filter(match);
          if (found.length < count) return false;
          clearTimeout(timer);
          events.off('activity', check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          events.off('activity', check);
          reject(new Error(`fake Bot Connector: expected ${count} activities, got ${received.filter(match).length}`));
        }, timeoutMs);
        if (!check()) events.on('activity', check);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** plain node:http calls (restify, when loaded in the same process, patches ServerResponse) */
function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
