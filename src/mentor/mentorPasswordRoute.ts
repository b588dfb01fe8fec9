/**
 * `POST /api/mentor/password` `{"current","new"}`: a mentor chooses a new password. The one route
 * (besides `me` and `logout`) a session with a one-time password may use; afterwards the session goes
 * on as a normal one, and every other session of the account ends. 400 for a new password that is too
 * short (or the same as the current), 403 `wrong_password` when the current one is wrong.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { type MentorAccounts, mentorPasswordSchema } from './mentorAccounts.js';
import { type MentorEdge, readJsonBody, sendMentorError } from './mentorHttp.js';
import { hashSessionToken } from './mentorSessions.js';

export interface MentorPasswordRouteDeps {
  edge: MentorEdge;
  accounts: MentorAccounts;
  logger: Logger;
}

const passwordBodySchema = z.object({ current: z.string().min(1).max(1000), new: mentorPasswordSchema });

export function registerMentorPasswordRoute(server: Server, { edge, accounts, logger }: MentorPasswordRouteDeps): void {
  server.post('/api/mentor/password', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res, { allowPendingPassword: true });
    if (!mentor) return;
    const body = readJsonBody(req, res, passwordBodySchema);
    if (!body) return;
    const token = edge.sessionToken(req);
    const result = await accounts.changeOwnPassword(
      mentor.id,
      body.current,
      body.new,
      token === undefined ? undefined : hashSessionToken(token),
    );
    logger.info({ event: 'mentor.password', mentorId: mentor.id, ok: result.ok }, 'mentor changed password');
    if (result.ok) {
      res.header('Cache-Control', 'no-store');
      res.send(204);
    } else if (result.code === 'wrong_password') sendMentorError(res, 403, 'invalid_credentials');
    else sendMentorError(res, 400, 'invalid_body', { reason: 'new: choose a new password of 10–200 characters' });
  });
}
