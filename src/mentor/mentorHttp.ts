/**
 * The edge of the mentor API: who may call it. Cross-site protection follows CONTRACT.md: the
 * SameSite=Strict cookie, JSON bodies only, and an `Origin` header, when present, must be this
 * server's own origin (that of PUBLIC_BASE_URL, or of the request's Host).
 * Errors are answered as `{ "error": code }`; the console turns codes into words.
 *
 * Roles (DESIGN.md: roles are data): a route declares the role it needs by the guard it starts with,
 * `requireMentor` (any account) or `requireCoordinator` (403 `forbidden_role` for a mentor). Both
 * check the Origin first and the session second, so a foreign site gets 403 and no session 401.
 */
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { AuthenticatedMentor, MentorSessions } from './mentorSessions.js';
import { parseCookieHeader, type SessionCookieOptions, sessionCookieName } from './sessionCookie.js';

export type MentorApiErrorCode =
  | 'forbidden_origin'
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'invalid_body'
  /** a query string that does not fit (a bad period), with the reason */
  | 'invalid_query'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'forbidden_role'
  | 'password_change_required'
  | 'not_found';

export interface RequireMentorOptions {
  /**
   * true for the few routes a session with a one-time password may use (who am I, choose a new
   * password, log out); every other route answers it 403 `password_change_required`
   */
  allowPendingPassword?: boolean;
}

export interface MentorEdge {
  /** the cookie settings that go with PUBLIC_BASE_URL */
  cookie: SessionCookieOptions;
  /** answers 403 and returns false when the request comes from another site */
  checkOrigin(req: Request, res: Response): boolean;
  /**
   * The logged-in mentor, or undefined after answering 403 (foreign origin) or 401 (no valid session).
   * Every /api/mentor route except login starts with it.
   */
  requireMentor(req: Request, res: Response, options?: RequireMentorOptions): Promise<AuthenticatedMentor | undefined>;
  /** as `requireMentor`, and then 403 `forbidden_role` unless the account is a coordinator */
  requireCoordinator(req: Request, res: Response): Promise<AuthenticatedMentor | undefined>;
  /** the session token from the cookie, if one was sent */
  sessionToken(req: Request): string | undefined;
}

export interface MentorEdgeDeps {
  sessions: MentorSessions;
  /** PUBLIC_BASE_URL */
  publicBaseUrl: string;
}

export function createMentorEdge({ sessions, publicBaseUrl }: MentorEdgeDeps): MentorEdge {
  const publicOrigin = new URL(publicBaseUrl).origin;
  const cookie: SessionCookieOptions = { secure: new URL(publicBaseUrl).protocol === 'https:' };

  const edge: MentorEdge = {
    cookie,
    checkOrigin(req, res) {
      if (isOwnOrigin(req.headers.origin, req.headers.host, publicOrigin)) return true;
      sendMentorError(res, 403, 'forbidden_origin');
      return false;
    },
    async requireMentor(req, res, options = {}) {
      if (!edge.checkOrigin(req, res)) return undefined;
      const token = edge.sessionToken(req);
      const session = token === undefined ? undefined : await sessions.authenticate(token);
      if (!session) {
        sendMentorError(res, 401, 'unauthorized');
        return undefined;
      }
      if (session.mentor.mustChangePassword && !options.allowPendingPassword) {
        sendMentorError(res, 403, 'password_change_required');
        return undefined;
      }
      return session.mentor;
    },
    async requireCoordinator(req, res) {
      const mentor = await edge.requireMentor(req, res);
      if (!mentor) return undefined;
      if (mentor.role !== 'coordinator') {
        sendMentorError(res, 403, 'forbidden_role');
        return undefined;
      }
      return mentor;
    },
    sessionToken(req) {
      return parseCookieHeader(req.headers.cookie).get(sessionCookieName(cookie));
    },
  };
  return edge;
}

/**
 * True when there is no Origin header (same-origin GETs, curl) or it names this server: the origin of
 * PUBLIC_BASE_URL, or http(s) on the Host the request was sent to. `Origin: null` is refused.
 */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, publicOrigin: string): boolean {
  if (origin === undefined) return true;
  if (origin === publicOrigin) return true;
  if (host === undefined) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}

/**
 * The request body checked against `schema`, or undefined after answering 415 (not JSON) or
 * 400 (does not match, with the reason).
 */
export function readJsonBody<Schema extends z.ZodType>(
  req: Request,
  res: Response,
  schema: Schema,
): z.infer<Schema> | undefined {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    sendMentorError(res, 415, 'unsupported_media_type');
    return undefined;
  }
  const body: unknown = req.body;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    sendMentorError(res, 400, 'invalid_body', { reason });
    return undefined;
  }
  return parsed.data;
}

export function sendMentorError(
  res: Response,
  status: number,
  code: MentorApiErrorCode,
  extra: Record<string, string | number> = {},
): void {
  res.header('Cache-Control', 'no-store');
  res.json(status, { error: code, ...extra });
}

/** whether the request carries a body at all (for routes whose body is optional) */
export function hasJsonBody(req: Request): boolean {
  return req.headers['content-type'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** the peer address; behind a reverse proxy this is the proxy's */
export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}
