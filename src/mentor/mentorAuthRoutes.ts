/**
 * Logging mentors in and out: `POST /api/mentor/login`, `POST /api/mentor/logout`, and
 * `GET /api/mentor/me` (who is logged in, `{username, role}`; the console asks it when the page opens).
 * Expects restify's bodyParser({ mapParams: false }) to be installed by the app.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Clock } from './clock.js';
import { clientAddress, createMentorEdge, type MentorEdge, readJsonBody, sendMentorError } from './mentorHttp.js';
import type { MentorSessions } from './mentorSessions.js';
import { clearSessionCookie, serializeSessionCookie } from './sessionCookie.js';

export interface MentorAuthRoutesDeps {
  sessions: MentorSessions;
  /** PUBLIC_BASE_URL: decides the cookie's Secure flag and the accepted Origin */
  publicBaseUrl: string;
  clock: Clock;
  logger: Logger;
}

const loginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** Registers the routes and returns the edge that the other /api/mentor routes guard themselves with. */
export function registerMentorAuthRoutes(server: Server, deps: MentorAuthRoutesDeps): MentorEdge {
  const { sessions, clock, logger } = deps;
  const edge = createMentorEdge(deps);

  server.post('/api/mentor/login', async (req: Request, res: Response) => {
    if (!edge.checkOrigin(req, res)) return;
    const body = readJsonBody(req, res, loginBodySchema);
    if (!body) return;
    const result = await sessions.login({ ...body, clientIp: clientAddress(req) });
    if (!result.ok) {
      logger.info({ event: 'mentor.login_refused', code: result.code }, 'mentor login refused');
      if (result.code === 'rate_limited') {
        res.header('Retry-After', String(result.retryAfterSeconds));
        sendMentorError(res, 429, 'rate_limited', { retryAfterSeconds: result.retryAfterSeconds });
      } else {
        sendMentorError(res, 401, 'invalid_credentials');
      }
      return;
    }
    logger.info({ event: 'mentor.login', mentorId: result.mentor.id }, 'mentor logged in');
    const maxAgeSeconds = (result.expiresAt.getTime() - clock().getTime()) / 1000;
    res.header('Set-Cookie', serializeSessionCookie(result.token, maxAgeSeconds, edge.cookie));
    res.header('Cache-Control', 'no-store');
    res.json(200, { mentor: result.mentor });
  });

  server.post('/api/mentor/logout', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res, { allowPendingPassword: true });
    if (!mentor) return;
    const token = edge.sessionToken(req);
    if (token !== undefined) await sessions.logout(token);
    logger.info({ event: 'mentor.logout', mentorId: mentor.id }, 'mentor logged out');
    res.header('Set-Cookie', clearSessionCookie(edge.cookie));
    res.send(204);
  });

  server.get('/api/mentor/me', async (req: Request, res: Response) => {
    const mentor = await edge.requireMentor(req, res, { allowPendingPassword: true });
    if (!mentor) return;
    res.header('Cache-Control', 'no-store');
    // `mentor` as well, for the console that reads it so
    res.json(200, {
      username: mentor.username,
      role: mentor.role,
      mustChangePassword: mentor.mustChangePassword,
      mentor,
    });
  });

  return edge;
}
