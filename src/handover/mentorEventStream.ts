/**
 * `GET /api/mentor/events`: Server-Sent Events for the console. Each event is a plain `message` whose
 * data is a MentorEvent as JSON (`{"type":"handover.changed",...}`): a hint to fetch again. Events
 * missed while away are not replayed, so the console fetches afresh whenever it (re)connects.
 * A heartbeat comment keeps proxies from closing the line, checks that the session still holds (else
 * `{"type":"session.ended"}` and the stream ends) and counts as the mentor being present.
 */
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { errorSummary } from '../logging/errorSummary.js';
import type { MentorSessions } from '../mentor/mentorSessions.js';
import type { HandoverService } from './handoverService.js';
import type { MentorRef } from './handoverView.js';
import type { MentorEventBus } from './mentorEvents.js';

export interface MentorEventStreamsDeps {
  events: MentorEventBus;
  sessions: MentorSessions;
  handovers: Pick<HandoverService, 'noteMentorSeen'>;
  logger: Logger;
  heartbeatMs: number;
}

export interface MentorEventStreams {
  /** answers the request with an event stream that lasts until the browser goes or the session ends */
  open(req: Request, res: Response, mentor: MentorRef, token: string): Promise<void>;
  /** ends every open stream with a reconnect hint, and refuses new ones (at shutdown, so the server can close) */
  closeAll(): void;
}

/** how long a browser waits before reconnecting */
const RECONNECT_MS = 3000;

export function createMentorEventStreams(deps: MentorEventStreamsDeps): MentorEventStreams {
  const { events, sessions, handovers, logger, heartbeatMs } = deps;
  const open = new Set<(farewell?: string) => void>();
  let closed = false;

  return {
    async open(req, res, mentor, token) {
      if (closed) {
        // shutting down: the console reconnects by itself, to an instance that is up
        res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(RECONNECT_MS / 1000) });
        res.end(JSON.stringify({ error: 'shutting_down' }));
        return;
      }
      const write = (chunk: string) => {
        if (!res.writableEnded) res.write(chunk);
      };
      const unsubscribe = await events.subscribe((event) => write(`data: ${JSON.stringify(event)}\n\n`));
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // nginx would otherwise hold events back in its buffer
        'X-Accel-Buffering': 'no',
      });
      write(`retry: ${RECONNECT_MS}\n\n`);

      const heartbeat = setInterval(() => void beat(), heartbeatMs);
      let ended = false;
      const end = (farewell?: string) => {
        if (ended) return;
        ended = true;
        if (farewell) write(farewell);
        clearInterval(heartbeat);
        open.delete(end);
        unsubscribe().catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'event unsubscribe failed'));
        if (!res.writableEnded) res.end();
      };
      open.add(end);
      req.on('close', () => end());
      res.on('close', () => end());

      async function beat(): Promise<void> {
        try {
          if (!(await sessions.authenticate(token))) {
            write(`data: ${JSON.stringify({ type: 'session.ended' })}\n\n`);
            end();
            return;
          }
          write(': heartbeat\n\n');
          await handovers.noteMentorSeen(mentor.id);
        } catch (error) {
          // the store is away for a moment: keep the line, try again at the next beat
          logger.warn({ err: errorSummary(error) }, 'event stream heartbeat could not reach the store');
        }
      }

      await handovers
        .noteMentorSeen(mentor.id)
        .catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'could not note mentor presence'));
    },

    closeAll() {
      closed = true;
      // the browser's EventSource reconnects by itself after `retry`, to whichever instance is up
      for (const end of [...open]) end(`retry: ${RECONNECT_MS}\n\n`);
    },
  };
}
