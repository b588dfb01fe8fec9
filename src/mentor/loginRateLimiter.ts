/**
 * Slows down password guessing: too many failed logins for one username, or from one client address,
 * within a sliding window block further attempts until the oldest failure leaves the window.
 * Kept in memory: per process, forgotten on restart. That suits one instance; with several behind a
 * load balancer each counts on its own, which multiplies the allowance by the number of instances.
 */
import type { Clock } from './clock.js';

export interface LoginAttempt {
  username: string;
  clientIp: string;
}

export interface LoginRateLimiter {
  /** milliseconds until this attempt may be made; 0 when it may be made now */
  retryAfterMs(attempt: LoginAttempt): number;
  recordFailure(attempt: LoginAttempt): void;
  /** a correct password clears the username's failures; the address keeps its count */
  recordSuccess(attempt: LoginAttempt): void;
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

/** beyond this many tracked keys, expired ones are swept so that a spray of names cannot grow memory */
const SWEEP_THRESHOLD = 10_000;

export function createLoginRateLimiter(
  clock: Clock,
  limits: LoginRateLimits = DEFAULT_LOGIN_RATE_LIMITS,
): LoginRateLimiter {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((at) => at > now - limits.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  function waitFor(key: string, max: number, now: number): number {
    const times = recent(key, now);
    const blocking = times[times.length - max];
    return times.length >= max && blocking !== undefined ? blocking + limits.windowMs - now : 0;
  }

  function sweep(now: number): void {
    if (failures.size <= SWEEP_THRESHOLD) return;
    for (const key of [...failures.keys()]) recent(key, now);
  }

  return {
    retryAfterMs(attempt) {
      const now = clock().getTime();
      return Math.max(
        waitFor(usernameKey(attempt), limits.maxFailuresPerUsername, now),
        waitFor(ipKey(attempt), limits.maxFailuresPerIp, now),
      );
    },
    recordFailure(attempt) {
      const now = clock().getTime();
      sweep(now);
      for (const key of [usernameKey(attempt), ipKey(attempt)]) failures.set(key, [...recent(key, now), now]);
    },
    recordSuccess(attempt) {
      failures.delete(usernameKey(attempt));
    },
  };
}

function usernameKey(attempt: LoginAttempt): string {
  return `user:${attempt.username.trim().toLowerCase()}`;
}

function ipKey(attempt: LoginAttempt): string {
  return `ip:${attempt.clientIp}`;
}
