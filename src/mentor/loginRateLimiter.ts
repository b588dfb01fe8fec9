/**
 * Slows down password guessing. An attempt is reserved (written to the store) *before* its password
 * is checked and settled after: a wrong password leaves it counted, a right one removes it. So N
 * parallel guesses are limited exactly as N sequential ones, and, the counts being in the database,
 * two instances do not double the allowance.
 *
 * Within a sliding window, at most `maxFailuresPerIp` attempts per client address, and
 * `maxFailuresPerUsername` per username. A username over its limit still takes an attempt from an
 * address with no attempt in the window: a guesser cannot lock the real mentor out, and each new
 * address buys a guesser one try only.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../storage/ports.js';
import type { Clock } from './clock.js';

export interface LoginAttempt {
  username: string;
  clientIp: string;
}

export type LoginReservation =
  | {
      ok: true;
      /**
       * right password: the attempt is forgotten, and so are the username's earlier failures. A
       * reservation never settled this way (wrong password, unknown user, a crash) counts as a failure.
       */
      succeeded(): Promise<void>;
    }
  | { ok: false; retryAfterMs: number };

export interface LoginRateLimiter {
  reserve(attempt: LoginAttempt): Promise<LoginReservation>;
}

export interface LoginRateLimits {
  windowMs: number;
  maxFailuresPerUsername: number;
  /** higher than per username: mentors in one office share an address */
  maxFailuresPerIp: number;
}

export const DEFAULT_LOGIN_RATE_LIMITS: LoginRateLimits = {
  windowMs: 15 * 60_000,
  maxFailuresPerUsername: 5,
  maxFailuresPerIp: 20,
};

/** every login attempt's reservation runs under this lock, in every instance */
const LOGIN_LOCK_KEY = 'mentor.login';

export function createLoginRateLimiter(
  store: Store,
  clock: Clock,
  limits: LoginRateLimits = DEFAULT_LOGIN_RATE_LIMITS,
): LoginRateLimiter {
  return {
    async reserve(attempt) {
      const userKey = usernameKey(attempt);
      const addressKey = ipKey(attempt);
      const attemptId = randomUUID();
      const now = clock();
      const windowStart = new Date(now.getTime() - limits.windowMs);
      const waitMs = await store.transaction(LOGIN_LOCK_KEY, async (uow) => {
        await uow.loginAttempts.deleteBefore(windowStart);
        const byAddress = await uow.loginAttempts.timesSince(addressKey, windowStart);
        const byUser = await uow.loginAttempts.timesSince(userKey, windowStart);
        const addressWait = waitFor(byAddress, limits.maxFailuresPerIp, limits.windowMs, now);
        // a clean address may always try once: the real mentor is never locked out by a guesser
        const userWait =
          byAddress.length === 0 ? 0 : waitFor(byUser, limits.maxFailuresPerUsername, limits.windowMs, now);
        const wait = Math.max(addressWait, userWait);
        if (wait === 0) await uow.loginAttempts.add({ attemptId, keys: [userKey, addressKey], at: now });
        return wait;
      });
      if (waitMs > 0) return { ok: false, retryAfterMs: waitMs };
      return {
        ok: true,
        succeeded: () =>
          store.transaction(LOGIN_LOCK_KEY, async (uow) => {
            await uow.loginAttempts.removeAttempt(attemptId);
            await uow.loginAttempts.clearKey(userKey);
          }),
      };
    },
  };
}

/** how long until fewer than `max` of `times` are inside the window; 0 when that is already so */
function waitFor(times: Date[], max: number, windowMs: number, now: Date): number {
  if (times.length < max) return 0;
  const blocking = times[times.length - max];
  return blocking === undefined ? 0 : Math.max(1, blocking.getTime() + windowMs - now.getTime());
}

function usernameKey(attempt: LoginAttempt): string {
  return `user:${attempt.username.trim().toLowerCase()}`;
}

function ipKey(attempt: LoginAttempt): string {
  return `ip:${attempt.clientIp}`;
}
