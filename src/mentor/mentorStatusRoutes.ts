/**
 * The mentor's own status after a hard conversation (issue 13, point 5):
 *
 *   GET    /api/mentor/me/pause            {"pausedUntil": ISO 8601 | null}
 *   POST   /api/mentor/me/pause            {"minutes"} (1–120, default 15) → {"pausedUntil"}
 *   DELETE /api/mentor/me/pause            ends the pause now → 204
 *   POST   /api/mentor/me/support-request  optional {"afterCrisis": boolean} → 201 {id, at}:
 *                                          "I need to talk this through", for the coordinators
 *
 * While a pause lasts the console offers and notifies nobody new, and the wait estimate does not count
 * the mentor as free (waitEstimate.ts). A request is announced on the event stream (`support.requested`)
 * for the coordinators' list. Nothing here holds anything of a conversation.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { MentorEventBus } from '../handover/mentorEvents.js';
import { errorSummary } from '../logging/errorSummary.js';
import type { Store } from '../storage/ports.js';
import type { Clock } from './clock.js';
import { hasJsonBody, type MentorEdge, readJsonBody } from './mentorHttp.js';

export interface MentorStatusRoutesDeps {
  edge: MentorEdge;
  store: Store;
  events: MentorEventBus;
  clock: Clock;
  logger: Logger;
}

export const DEFAULT_PAUSE_MINUTES = 15;
const MAX_PAUSE_MINUTES = 120;

const pauseBodySchema = z
  .object({ minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES).default(DEFAULT_PAUSE_MINUTES) })
  .strict();
const supportRequestBodySchema = z.object({ afterCrisis: z.boolean().default(false) }).strict();

export function registerMentorStatusRoutes(server: Server, deps: MentorStatusRoutesDeps): void {
  const { edge, store, events, clock, logger } = deps;

  server.get('/api/mentor/me/pause', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res);
    if (!mentor) return;
    const until = await store.transaction(null, (uow) => uow.mentorPauses.pausedUntil(mentor.id, clock()));
    res.header('Cache-Control', 'no-store');
    res.json(200, { pausedUntil: until?.toISOString() ?? null });
  });

  server.post('/api/mentor/me/pause', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res);
    if (!mentor) return;
    const body = readJsonBody(req, res, pauseBodySchema);
    if (!body) return;
    const now = clock();
    const until = new Date(now.getTime() + body.minutes * 60_000);
    await store.transaction(null, (uow) => uow.mentorPauses.set(mentor.id, until, now));
    logger.info({ event: 'mentor.pause', mentorId: mentor.id, minutes: body.minutes }, 'mentor took a pause');
    res.header('Cache-Control', 'no-store');
    res.json(200, { pausedUntil: until.toISOString() });
  });

  server.del('/api/mentor/me/pause', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res);
    if (!mentor) return;
    await store.transaction(null, (uow) => uow.mentorPauses.clear(mentor.id));
    logger.info({ event: 'mentor.pause_ended', mentorId: mentor.id }, 'mentor ended the pause');
    res.send(204);
  });

  server.post('/api/mentor/me/support-request', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res);
    if (!mentor) return;
    // one click: the body is optional
    const body = hasJsonBody(req) ? readJsonBody(req, res, supportRequestBodySchema) : { afterCrisis: false };
    if (!body) return;
    const request = await store.transaction(null, (uow) =>
      uow.supportRequests.create({ mentorId: mentor.id, afterCrisis: body.afterCrisis, at: clock() }),
    );
    logger.info(
      { event: 'mentor.support_request', mentorId: mentor.id },
      'mentor asked to talk a conversation through',
    );
    // the coordinators' list is live; the request is stored whether or not the hint gets through
    await events
      .publish({ type: 'support.requested' })
      .catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'support request event not published'));
    res.header('Cache-Control', 'no-store');
    res.json(201, { id: request.id, at: request.createdAt.toISOString() });
  });
}
