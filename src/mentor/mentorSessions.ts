/**
 * Mentor login sessions. The browser holds a random token in a cookie; the database holds only its
 * SHA-256, so a copy of the database cannot be used to log in. A session ends after `idleMs` without
 * requests or `absoluteMs` after login, whichever comes first: `expiresAt` is the absolute end and
 * `lastSeenAt` measures idleness.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MentorAccount, MentorRole, Store } from '../storage/ports.js';
import type { Clock } from './clock.js';
import type { LoginRateLimiter } from './loginRateLimiter.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams, verifyPassword } from './passwordHash.js';

export interface AuthenticatedMentor {
  id: string;
  username: string;
  role: MentorRole;
  /** logged in with a one-time password: only choosing a new one (and logging out) is allowed */
  mustChangePassword: boolean;
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** a working day with a long lunch, and a hard stop after a long Thursday */
export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 8 * 3_600_000, absoluteMs: 12 * 3_600_000 };

export type LoginResult =
  | { ok: true; token: string; mentor: AuthenticatedMentor; expiresAt: Date }
  | { ok: false; code: 'invalid_credentials' }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export interface MentorSessions {
  login(input: { username: string; password: string; clientIp: string }): Promise<LoginResult>;
  /** the mentor behind a cookie token, or undefined when it is unknown, expired, or its account is gone or disabled */
  authenticate(token: string): Promise<{ mentor: AuthenticatedMentor; expiresAt: Date } | undefined>;
  logout(token: string): Promise<void>;
}

export interface MentorSessionsDeps {
  store: Store;
  clock: Clock;
  rateLimiter: LoginRateLimiter;
  timeouts?: SessionTimeouts;
  /** the cost of the stand-in hash checked for unknown usernames; match the accounts' */
  scryptParams?: ScryptParams;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** `lastSeenAt` is written at most this often, so that reading the queue does not write every time */
const TOUCH_INTERVAL_MS = 60_000;

export function createMentorSessions({
  store,
  clock,
  rateLimiter,
  timeouts = DEFAULT_SESSION_TIMEOUTS,
  scryptParams = DEFAULT_SCRYPT_PARAMS,
}: MentorSessionsDeps): MentorSessions {
  // an unknown name costs as much time as a wrong password, so timing does not reveal who has an account
  const standInHash = hashPassword(randomBytes(16).toString('hex'), scryptParams);

  return {
    async login({ username, password, clientIp }) {
      // counted before the hash is checked, so that parallel guesses cannot overtake the count
      const reservation = await rateLimiter.reserve({ username, clientIp });
      if (!reservation.ok) {
        return { ok: false, code: 'rate_limited', retryAfterSeconds: Math.ceil(reservation.retryAfterMs / 1000) };
      }

      const account = await store.transaction(null, (uow) => uow.mentors.findByUsername(username.trim().toLowerCase()));
      const valid = await verifyPassword(password, account?.passwordHash ?? (await standInHash));
      // a disabled account is refused like a wrong password: the login form says nothing more
      if (!account || !valid || account.disabled) return { ok: false, code: 'invalid_credentials' };
      await reservation.succeeded();

      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
      await store.transaction(null, async (uow) => {
        await uow.mentorSessions.deleteExpired(now);
        await uow.mentorSessions.create({
          tokenHash: hashToken(token),
          mentorId: account.id,
          expiresAt,
          lastSeenAt: now,
        });
        await uow.mentors.recordLogin(account.id, now);
      });
      return { ok: true, token, mentor: authenticated(account), expiresAt };
    },

    async authenticate(token) {
      if (!TOKEN.test(token)) return undefined;
      const tokenHash = hashToken(token);
      const now = clock();
      return store.transaction(null, async (uow) => {
        const session = await uow.mentorSessions.get(tokenHash);
        if (!session) return undefined;
        const idleUntil = session.lastSeenAt.getTime() + timeouts.idleMs;
        const account = await uow.mentors.get(session.mentorId);
        if (now >= session.expiresAt || now.getTime() >= idleUntil || !account || account.disabled) {
          await uow.mentorSessions.delete(tokenHash);
          return undefined;
        }
        if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
          await uow.mentorSessions.touch(tokenHash, now, session.expiresAt);
        }
        return { mentor: authenticated(account), expiresAt: session.expiresAt };
      });
    },

    async logout(token) {
      if (!TOKEN.test(token)) return;
      await store.transaction(null, (uow) => uow.mentorSessions.delete(hashToken(token)));
    },
  };
}

/** read from the account on every request, so a changed role or disabling counts at once */
function authenticated(account: MentorAccount): AuthenticatedMentor {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    mustChangePassword: account.mustChangePassword,
  };
}

/** what the store keeps of a cookie token */
export function hashSessionToken(token: string): string {
  return hashToken(token);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
