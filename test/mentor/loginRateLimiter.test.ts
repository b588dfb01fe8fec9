/**
 * The login limiter on both stores: sequential and parallel attempts are limited alike, a clean
 * address still gets in past a locked username, and two instances on one PostgreSQL share counts.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLoginRateLimiter,
  DEFAULT_LOGIN_RATE_LIMITS,
  type LoginAttempt,
  type LoginRateLimiter,
} from '../../src/mentor/loginRateLimiter.js';
import { createStore } from '../../src/storage/createStore.js';
import type { Store } from '../../src/storage/ports.js';
import { startTestPostgres, type TestDatabase } from '../support/postgresServer.js';
import { testDataEncryptionKey } from '../support/testSealer.js';
import { type MovableClock, movableClock, type TempStore, tempSqliteStore } from './mentorTestKit.js';

const MINUTE = 60_000;
const postgres = await startTestPostgres();

afterAll(async () => {
  await postgres?.stop();
});

/** a wrong password: reserve, and never settle as a success */
async function fail(limiter: LoginRateLimiter, attempt: LoginAttempt): Promise<number> {
  const reservation = await limiter.reserve(attempt);
  return reservation.ok ? 0 : reservation.retryAfterMs;
}

interface StoreFactory {
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

const dialects: Array<[string, () => Promise<StoreFactory>]> = [
  [
    'SQLite',
    async () => {
      const temp: TempStore = await tempSqliteStore();
      return { open: async () => temp.store, dispose: temp.dispose };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      if (!postgres) throw new Error('PostgreSQL is not installed');
      const database: TestDatabase = await postgres.createDatabase();
      const opened: Store[] = [];
      return {
        async open() {
          const store = await createStore({
            dataDir: '',
            databaseUrl: database.url,
            dataEncryptionKey: testDataEncryptionKey(),
          });
          opened.push(store);
          return store;
        },
        async dispose() {
          for (const store of opened) await store.close();
          await database.drop();
        },
      };
    },
  ],
];

describe.each(dialects)('login rate limiter on %s', (_name, makeFactory) => {
  let factory: StoreFactory;
  let store: Store;
  let clock: MovableClock;

  beforeEach(async () => {
    factory = await makeFactory();
    store = await factory.open();
    clock = movableClock();
  });

  afterEach(async () => {
    await factory.dispose();
  });

  it('allows 5 failures per username in 15 minutes, then blocks until the oldest leaves the window', async () => {
    expect(DEFAULT_LOGIN_RATE_LIMITS).toEqual({
      windowMs: 15 * MINUTE,
      maxFailuresPerUsername: 5,
      maxFailuresPerIp: 20,
    });
    const limiter = createLoginRateLimiter(store, clock);
    const attempt = { username: 'kari', clientIp: '10.0.0.1' };
    for (let failure = 0; failure < 5; failure += 1) {
      expect(await fail(limiter, attempt)).toBe(0);
      clock.advance(MINUTE);
    }
    // failures at minutes 0..4, now minute 5: the first leaves the window at minute 15
    expect(await fail(limiter, attempt)).toBe(10 * MINUTE);
    expect(await fail(limiter, { username: 'KARI ', clientIp: '10.0.0.1' })).toBe(10 * MINUTE);
    clock.advance(10 * MINUTE - 1);
    expect(await fail(limiter, attempt)).toBe(1);
    clock.advance(1);
    expect(await fail(limiter, attempt)).toBe(0);
  });

  it('limits 40 parallel guesses exactly as 40 sequential ones', async () => {
    const limiter = createLoginRateLimiter(store, clock);
    const attempt = { username: 'kari', clientIp: '10.0.0.1' };
    const reservations = await Promise.all(Array.from({ length: 40 }, () => limiter.reserve(attempt)));
    expect(reservations.filter((reservation) => reservation.ok)).toHaveLength(5);
  });

  it('a locked username still lets an address in that has not failed, once', async () => {
    const limiter = createLoginRateLimiter(store, clock);
    for (let failure = 0; failure < 5; failure += 1) await fail(limiter, { username: 'kari', clientIp: '192.0.2.7' });
    expect(await fail(limiter, { username: 'kari', clientIp: '192.0.2.7' })).toBeGreaterThan(0);

    const fromOffice = await limiter.reserve({ username: 'kari', clientIp: '10.0.0.1' });
    expect(fromOffice.ok).toBe(true);
    if (fromOffice.ok) await fromOffice.succeeded();
    // the right password cleared the username: kari may try again from anywhere that is not blocked
    expect(await fail(limiter, { username: 'kari', clientIp: '10.0.0.2' })).toBe(0);
    // a clean address that then guesses wrong is counted like any other
    for (let failure = 0; failure < 4; failure += 1) await fail(limiter, { username: 'kari', clientIp: '10.0.0.2' });
    expect(await fail(limiter, { username: 'kari', clientIp: '10.0.0.2' })).toBeGreaterThan(0);
  });

  it('blocks one address that tries many usernames', async () => {
    const limiter = createLoginRateLimiter(store, clock);
    for (let failure = 0; failure < 20; failure += 1) {
      expect(await fail(limiter, { username: `user${failure}`, clientIp: '192.0.2.7' })).toBe(0);
    }
    expect(await fail(limiter, { username: 'someone-new', clientIp: '192.0.2.7' })).toBe(15 * MINUTE);
    expect(await fail(limiter, { username: 'someone-new', clientIp: '192.0.2.8' })).toBe(0);
  });

  it('forgets a username’s failures after a correct password, but not the address’s', async () => {
    const limiter = createLoginRateLimiter(store, clock, {
      windowMs: 15 * MINUTE,
      maxFailuresPerUsername: 2,
      maxFailuresPerIp: 3,
    });
    const attempt = { username: 'kari', clientIp: '10.0.0.1' };
    await fail(limiter, attempt);
    await fail(limiter, attempt);
    expect(await fail(limiter, attempt)).toBeGreaterThan(0);
    const right = await limiter.reserve({ username: 'kari', clientIp: '10.0.0.2' });
    expect(right.ok).toBe(true);
    if (right.ok) await right.succeeded();
    await fail(limiter, { username: 'kari', clientIp: '10.0.0.2' });
    expect(await fail(limiter, { username: 'ola', clientIp: '10.0.0.1' })).toBe(0);
    // the address now has three failures in the window
    expect(await fail(limiter, { username: 'ola', clientIp: '10.0.0.1' })).toBeGreaterThan(0);
  });

  if (_name === 'PostgreSQL') {
    it('two instances on one database share the counts: 40 parallel guesses across both get 5', async () => {
      const other = await factory.open();
      const limiters = [createLoginRateLimiter(store, clock), createLoginRateLimiter(other, clock)];
      const attempt = { username: 'kari', clientIp: '10.0.0.1' };
      const reservations = await Promise.all(
        Array.from({ length: 40 }, (_, index) => limiters[index % 2]?.reserve(attempt)),
      );
      expect(reservations.filter((reservation) => reservation?.ok)).toHaveLength(5);
    });
  }
});
