/**
 * "I need to talk this through", for the coordinators' overview (issue 13, point 5):
 *
 *   GET  /api/staff/support-requests              open requests, newest first:
 *                                                 [{id, mentor, afterCrisis, at, seenAt, seenBy}]
 *        ?include=seen                            the ones already seen too
 *   POST /api/staff/support-requests/:id/seen     the coordinator has taken it up → 200 the request;
 *                                                 404 when there is no open request with that id
 *
 * Coordinators only: `requireCoordinator` (the mentor edge's guard) answers 403/401 for everyone else.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from '../mentor/clock.js';
import { sendMentorError } from '../mentor/mentorHttp.js';
import type { AuthenticatedMentor } from '../mentor/mentorSessions.js';
import type { Store, SupportRequestRecord } from '../storage/ports.js';

/** the logged-in coordinator, or undefined after answering 403 (a mentor, a foreign origin) or 401 */
export type RequireCoordinator = (req: Request, res: Response) => Promise<AuthenticatedMentor | undefined>;

export interface SupportRequestRoutesDeps {
  requireCoordinator: RequireCoordinator;
  store: Store;
  clock: Clock;
  logger: Logger;
}

const listQuerySchema = z.object({ include: z.enum(['seen']).optional() }).strict();

function toJson(request: SupportRequestRecord) {
  return {
    id: request.id,
    mentor: request.mentorUsername,
    afterCrisis: request.afterCrisis,
    at: request.createdAt.toISOString(),
    seenAt: request.seenAt?.toISOString() ?? null,
    seenBy: request.seenBy,
  };
}

export function registerSupportRequestRoutes(server: Server, deps: SupportRequestRoutesDeps): void {
  const { requireCoordinator, store, clock, logger } = deps;

  server.get('/api/staff/support-requests', async (req: Request, res: Response) => {
    if (!(await requireCoordinator(req, res))) return;
    const query = listQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(req.getQuery())));
    if (!query.success) {
      sendMentorError(res, 400, 'invalid_query', {
        reason: query.error.issues.map((issue) => issue.message).join('; '),
      });
      return;
    }
    const requests = await store.transaction(null, (uow) =>
      uow.supportRequests.list({ includeSeen: query.data.include === 'seen' }),
    );
    res.header('Cache-Control', 'no-store');
    res.json(200, requests.map(toJson));
  });

  server.post('/api/staff/support-requests/:id/seen', async (req: Request, res: Response) => {
    const coordinator = await requireCoordinator(req, res);
    if (!coordinator) return;
    const id: unknown = req.params?.id;
    const seen = await store.transaction(null, async (uow) => {
      if (typeof id !== 'string' || !(await uow.supportRequests.markSeen(id, coordinator.username, clock()))) {
        return undefined;
      }
      return (await uow.supportRequests.list({ includeSeen: true })).find((request) => request.id === id);
    });
    if (!seen) {
      sendMentorError(res, 404, 'not_found');
      return;
    }
    logger.info({ event: 'staff.support_request_seen', coordinatorId: coordinator.id }, 'support request seen');
    res.header('Cache-Control', 'no-store');
    res.json(200, toJson(seen));
  });
}
