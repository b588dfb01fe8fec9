import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter, DEFAULT_LOGIN_RATE_LIMITS } from '../../src/mentor/loginRateLimiter.js';
import { movableClock } from './mentorTestKit.js';

const MINUTE = 60_000;

describe('login rate limiter', () => {
  it('allows 5 failures per username in 15 minutes, then blocks until the oldest leaves the window', () => {
    expect(DEFAULT_LOGIN_RATE_LIMITS).toEqual({
      windowMs: 15 * MINUTE,
      maxFailuresPerUsername: 5,
      maxFailuresPerIp: 20,
    });
    const clock = movableClock();
    const limiter = createLoginRateLimiter(clock);
    const attempt = { username: 'kari', clientIp: '10.0.0.1' };
    for (let failure = 0; failure < 5; failure += 1) {
      expect(limiter.retryAfterMs(attempt)).toBe(0);
      limiter.recordFailure(attempt);
      clock.advance(MINUTE);
    }
    // failures at minutes 0..4, now minute 5: the first leaves the window at minute 15
    expect(limiter.retryAfterMs(attempt)).toBe(10 * MINUTE);
    expect(limiter.retryAfterMs({ username: 'KARI ', clientIp: '10.0.0.9' })).toBe(10 * MINUTE);
    expect(limiter.retryAfterMs({ username: 'ola', clientIp: '10.0.0.1' })).toBe(0);
    clock.advance(10 * MINUTE - 1);
    expect(limiter.retryAfterMs(attempt)).toBe(1);
    clock.advance(1);
    expect(limiter.retryAfterMs(attempt)).toBe(0);
  });

  it('blocks one address that tries many usernames', () => {
    const clock = movableClock();
    const limiter = createLoginRateLimiter(clock);
    for (let failure = 0; failure < 20; failure += 1) {
      limiter.recordFailure({ username: `user${failure}`, clientIp: '192.0.2.7' });
    }
    expect(limiter.retryAfterMs({ username: 'someone-new', clientIp: '192.0.2.7' })).toBe(15 * MINUTE);
    expect(limiter.retryAfterMs({ username: 'someone-new', clientIp: '192.0.2.8' })).toBe(0);
  });

  it('forgets a username’s failures after a correct password, but not the address’s', () => {
    const clock = movableClock();
    const limiter = createLoginRateLimiter(clock, {
      windowMs: 15 * MINUTE,
      maxFailuresPerUsername: 2,
      maxFailuresPerIp: 3,
    });
    const attempt = { username: 'kari', clientIp: '10.0.0.1' };
    limiter.recordFailure(attempt);
    limiter.recordFailure(attempt);
    expect(limiter.retryAfterMs(attempt)).toBeGreaterThan(0);
    limiter.recordSuccess(attempt);
    expect(limiter.retryAfterMs({ username: 'kari', clientIp: '10.0.0.2' })).toBe(0);
    limiter.recordFailure(attempt);
    // the address now has three failures in the window
    expect(limiter.retryAfterMs({ username: 'ola', clientIp: '10.0.0.1' })).toBeGreaterThan(0);
  });
});
