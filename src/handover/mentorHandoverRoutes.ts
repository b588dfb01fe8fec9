/**
 * The handover part of the mentor API (CONTRACT.md, Mentor API). Every route starts with the mentor
 * edge's `requireMentor` (Origin check, then session: 403 / 401), bodies are checked with zod (400 with
 * the reason), and errors are answered as `{ "error": code }` like the auth routes do.
 *
 *   GET  /api/mentor/handovers                 waiting and active, queue order
 *   GET  /api/mentor/handovers/:id             + consent, acceptedAt, closedAt, outcome, messages
 *   POST /api/mentor/handovers/:id/accept      409 already_taken when another mentor was first
 *   POST /api/mentor/handovers/:id/messages    {"text"} → 201 the stored message, delivery "sending"
 *   POST /api/mentor/handovers/:id/release     back to the bot
 *   POST /api/mentor/handovers/:id/close       {"outcome"}
 *   GET  /api/mentor/callbacks                 open callback requests, with the number to call on SMS
 *   POST /api/mentor/callbacks/:id/done        optional {"outcome"} (default "answered")
 *   POST /api/mentor/handovers/:id/sms         {"text"} → 201 a new SMS handover, active with this mentor,
 *                                              answering a callback that holds a number (409 no_contact)
 *   POST /api/mentor/handovers/:id/transfer    {"mentor","note"} a warm transfer of one's own conversation;
 *                                              409 mentor_at_capacity / unknown_mentor
 *   GET  /api/mentor/colleagues                who the mentor can hand a conversation to:
 *                                              [{username, online, paused, conversations, maxConversations}]
 *   GET  /api/mentor/events                    Server-Sent Events (mentorEventStream.ts)
 *   GET  /api/staff/overview                   coordinators: every waiting and active conversation
 *   POST /api/staff/handovers/:id/transfer     coordinators: {"mentor"} moves an active conversation
 *                                              (to their own username: takes it over)
 *   POST /api/staff/handovers/:id/assign       coordinators: {"mentor"} gives a waiting conversation to a
 *                                              mentor on duty; 409 not_waiting / unknown_mentor /
 *                                              mentor_not_on_duty / mentor_at_capacity / already_taken
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AuditAction, AuditLog } from '../audit/auditLog.js';
import type { MentorEdge } from '../mentor/mentorHttp.js';
import { readJsonBody, sendMentorError } from '../mentor/mentorHttp.js';
import type { MentorSessions } from '../mentor/mentorSessions.js';
import type { HandoverOutcome } from '../storage/ports.js';
import type { HandoverErrorCode, HandoverResult, HandoverService } from './handoverService.js';
import type { MentorRef } from './handoverView.js';
import { createMentorEventStreams } from './mentorEventStream.js';
import type { MentorEventBus } from './mentorEvents.js';

export interface MentorHandoverRoutesDeps {
  /** from registerMentorAuthRoutes */
  edge: MentorEdge;
  sessions: MentorSessions;
  handovers: HandoverService;
  events: MentorEventBus;
  logger: Logger;
  audit: AuditLog;
  /** between heartbeats on the event stream */
  heartbeatMs?: number;
}

export interface MentorHandoverRoutes {
  /** ends the open event streams, so that the server can close */
  close(): void;
}

const OUTCOMES = ['answered', 'referred', 'no_contact', 'other'] as const satisfies readonly HandoverOutcome[];

/** Twilio's limit for one message body; long enough for any chat line */
const MAX_MESSAGE_CHARS = 1600;

const messageBodySchema = z.object({ text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) });
const closeBodySchema = z.object({ outcome: z.enum(OUTCOMES) });
const callbackDoneBodySchema = z.object({ outcome: z.enum(OUTCOMES).default('answered') });
/** the mentor's first SMS to someone who asked to be contacted */
const smsStartBodySchema = messageBodySchema;
/** a username (checked against the accounts by the service) and, for a warm transfer, a short note */
const transferBodySchema = z.object({
  mentor: z.string().trim().min(1).max(100),
  note: z.string().trim().max(500).optional(),
});
/** a coordinator's move of an active conversation, or the mentor a waiting one is given to */
const staffMentorBodySchema = z.object({ mentor: z.string().trim().min(1).max(100) });

const ERROR_STATUS: Record<HandoverErrorCode, number> = {
  not_found: 404,
  already_taken: 409,
  not_waiting: 409,
  not_active: 409,
  not_yours: 403,
  opted_out: 409,
  not_callback: 409,
  no_contact: 409,
  sms_open: 409,
  mentor_at_capacity: 409,
  unknown_mentor: 409,
  mentor_not_on_duty: 409,
};

const DEFAULT_HEARTBEAT_MS = 15_000;

export function registerMentorHandoverRoutes(server: Server, deps: MentorHandoverRoutesDeps): MentorHandoverRoutes {
  const { edge, handovers, logger, audit } = deps;
  const streams = createMentorEventStreams({
    events: deps.events,
    sessions: deps.sessions,
    handovers,
    logger,
    heartbeatMs: deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
  });

  /** the logged-in mentor (answering 403/401 otherwise), who is thereby present at the console */
  async function mentorOf(req: Request, res: Response): Promise<MentorRef | undefined> {
    const mentor = await edge.requireMentor(req, res);
    if (mentor) await handovers.noteMentorSeen(mentor.id);
    return mentor;
  }

  /** what a mentor did to a conversation, for the audit log, once it has succeeded */
  async function audited<T>(
    mentor: MentorRef,
    action: AuditAction,
    handoverId: string,
    result: HandoverResult<T>,
  ): Promise<HandoverResult<T>> {
    if (result.ok) await audit.record({ actor: mentor.username, action, target: { handoverId } });
    return result;
  }

  function answer<T>(res: Response, result: HandoverResult<T>, status = 200): void {
    res.header('Cache-Control', 'no-store');
    if (result.ok) res.json(status, result.value);
    else res.json(ERROR_STATUS[result.code], { error: result.code });
  }

  server.get('/api/mentor/handovers', async (req: Request, res: Response) => {
    if (!(await mentorOf(req, res))) return;
    answer(res, { ok: true, value: await handovers.list() });
  });

  server.get('/api/mentor/handovers/:id', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    const handover = await handovers.get(idParam(req));
    const result: HandoverResult<typeof handover> = handover
      ? { ok: true, value: handover }
      : { ok: false, code: 'not_found' };
    answer(res, await audited(mentor, 'transcript.read', idParam(req), result));
  });

  server.post('/api/mentor/handovers/:id/accept', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    answer(res, await audited(mentor, 'handover.accept', idParam(req), await handovers.accept(idParam(req), mentor)));
  });

  server.post('/api/mentor/handovers/:id/messages', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    const body = readJsonBody(req, res, messageBodySchema);
    if (!body) return;
    answer(res, await handovers.sendMessage(idParam(req), mentor, body.text), 201);
  });

  server.post('/api/mentor/handovers/:id/release', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    answer(res, await audited(mentor, 'handover.release', idParam(req), await handovers.release(idParam(req), mentor)));
  });

  server.post('/api/mentor/handovers/:id/close', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    const body = readJsonBody(req, res, closeBodySchema);
    if (!body) return;
    const closed = await handovers.close(idParam(req), mentor, body.outcome);
    answer(res, await audited(mentor, 'handover.close', idParam(req), closed));
  });

  server.get('/api/mentor/callbacks', async (req: Request, res: Response) => {
    if (!(await mentorOf(req, res))) return;
    answer(res, { ok: true, value: await handovers.listCallbacks() });
  });

  server.post('/api/mentor/callbacks/:id/done', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    // the body is optional: a plain "done" is answered
    const body = hasBody(req) ? readJsonBody(req, res, callbackDoneBodySchema) : { outcome: 'answered' as const };
    if (!body) return;
    const done = await handovers.markCallbackDone(idParam(req), mentor, body.outcome);
    answer(res, await audited(mentor, 'callback.done', idParam(req), done));
  });

  server.post('/api/mentor/handovers/:id/sms', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    const body = readJsonBody(req, res, smsStartBodySchema);
    if (!body) return;
    const started = await handovers.startSmsFromCallback(idParam(req), mentor, body.text);
    answer(res, await audited(mentor, 'callback.sms', idParam(req), started), 201);
  });

  server.post('/api/mentor/handovers/:id/transfer', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    const body = readJsonBody(req, res, transferBodySchema);
    if (!body) return;
    const note = body.note === undefined || body.note === '' ? undefined : body.note;
    const moved = await handovers.transfer(idParam(req), mentor, body.mentor, { byCoordinator: false, note });
    answer(res, await audited(mentor, 'handover.transfer', idParam(req), moved));
  });

  server.get('/api/mentor/colleagues', async (req: Request, res: Response) => {
    const mentor = await mentorOf(req, res);
    if (!mentor) return;
    // it takes no query: anything there is a mistake worth saying
    if (req.getQuery() !== '') {
      sendMentorError(res, 400, 'invalid_query', { reason: 'this route takes no query' });
      return;
    }
    answer(res, { ok: true, value: await handovers.colleagues(mentor) });
  });

  server.get('/api/staff/overview', async (req: Request, res: Response) => {
    if (!(await edge.requireCoordinator(req, res))) return;
    answer(res, { ok: true, value: await handovers.overview() });
  });

  server.post('/api/staff/handovers/:id/transfer', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const body = readJsonBody(req, res, staffMentorBodySchema);
    if (!body) return;
    const moved = await handovers.transfer(idParam(req), coordinator, body.mentor, { byCoordinator: true });
    // to the coordinator's own name: a take-over, which the log keeps apart from a move
    const takeOver = body.mentor.toLowerCase() === coordinator.username;
    answer(res, await audited(coordinator, takeOver ? 'handover.takeOver' : 'handover.move', idParam(req), moved));
  });

  server.post('/api/staff/handovers/:id/assign', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const body = readJsonBody(req, res, staffMentorBodySchema);
    if (!body) return;
    const given = await handovers.assign(idParam(req), coordinator, body.mentor);
    answer(res, await audited(coordinator, 'handover.assign', idParam(req), given));
  });

  server.get('/api/mentor/events', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res);
    const token = edge.sessionToken(req);
    if (!mentor || token === undefined) return;
    await streams.open(req, res, mentor, token);
  });

  return { close: () => streams.closeAll() };
}

function idParam(req: Request): string {
  const id: unknown = req.params?.id;
  return typeof id === 'string' ? id : '';
}

function hasBody(req: Request): boolean {
  return req.headers['content-type'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
