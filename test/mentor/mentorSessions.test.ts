import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorAccounts, type MentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { createMentorSessions, type MentorSessions } from '../../src/mentor/mentorSessions.js';
import { CHEAP_SCRYPT, type MovableClock, movableClock, type TempStore, tempSqliteStore } from './mentorTestKit.js';

const HOUR = 3_600_000;
const PASSWORD = 'et godt langt passord';

let temp: TempStore;
let clock: MovableClock;
let accounts: MentorAccounts;
let sessions: MentorSessions;

beforeEach(async () => {
  temp = await tempSqliteStore();
  clock = movableClock();
  accounts = createMentorAccounts({ store: temp.store, clock, scryptParams: CHEAP_SCRYPT });
  sessions = createMentorSessions({
    store: temp.store,
    clock,
    rateLimiter: createLoginRateLimiter(temp.store, clock),
    scryptParams: CHEAP_SCRYPT,
  });
  expect((await accounts.add('kari', PASSWORD)).ok).toBe(true);
});

afterEach(async () => {
  await temp.dispose();
});

async function loginToken(username = 'kari', password = PASSWORD): Promise<string> {
  const result = await sessions.login({ username, password, clientIp: '127.0.0.1' });
  if (!result.ok) throw new Error(`login failed: ${result.code}`);
  return result.token;
}

describe('mentor accounts', () => {
  it('validates usernames and passwords, refuses duplicates, lists sorted', async () => {
    expect(await accounts.add('x', PASSWORD)).toEqual({ ok: false, code: 'invalid_username' });
    expect(await accounts.add('ola nordmann', PASSWORD)).toEqual({ ok: false, code: 'invalid_username' });
    expect(await accounts.add('ola', 'kort')).toEqual({ ok: false, code: 'invalid_password' });
    expect(await accounts.add(' KARI ', PASSWORD)).toEqual({ ok: false, code: 'username_taken' });
    const added = await accounts.add('Anne-Lise', PASSWORD);
    expect(added.ok && added.value.username).toBe('anne-lise');
    expect((await accounts.list()).map((account) => account.username)).toEqual(['anne-lise', 'kari']);
    expect(await accounts.remove('nobody')).toEqual({ ok: false, code: 'not_found' });
    expect(await accounts.passwd('nobody', PASSWORD)).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('mentor sessions', () => {
  it('logs in with the right password and stores only a hash of the token', async () => {
    const result = await sessions.login({ username: 'Kari', password: PASSWORD, clientIp: '127.0.0.1' });
    if (!result.ok) throw new Error(result.code);
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.mentor.username).toBe('kari');
    expect(result.expiresAt).toEqual(new Date(clock().getTime() + 12 * HOUR));
    const stored = await temp.store.transaction(null, async (uow) => ({
      byHash: await uow.mentorSessions.get(createHash('sha256').update(result.token).digest('hex')),
      byToken: await uow.mentorSessions.get(result.token),
    }));
    expect(stored.byHash?.mentorId).toBe(result.mentor.id);
    expect(stored.byToken).toBeUndefined();
    expect((await sessions.authenticate(result.token))?.mentor).toEqual(result.mentor);
  });

  it('refuses a wrong password, an unknown name and a malformed token alike', async () => {
    expect(await sessions.login({ username: 'kari', password: 'feil passord her', clientIp: '1.1.1.1' })).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await sessions.login({ username: 'ukjent', password: PASSWORD, clientIp: '1.1.1.1' })).toEqual({
      ok: false,
      code: 'invalid_credentials',
    });
    expect(await sessions.authenticate('not-a-token')).toBeUndefined();
    expect(await sessions.authenticate('A'.repeat(43))).toBeUndefined();
  });

  it('ends a session not used since login after 8 hours', async () => {
    const token = await loginToken();
    clock.advance(8 * HOUR);
    expect(await sessions.authenticate(token)).toBeUndefined();
  });

  it('keeps a session in use alive, but never beyond 12 hours after login', async () => {
    const token = await loginToken();
    for (let hour = 1; hour < 12; hour += 1) {
      clock.advance(HOUR);
      expect(await sessions.authenticate(token), `hour ${hour}`).toBeDefined();
    }
    clock.advance(HOUR - 1);
    expect(await sessions.authenticate(token)).toBeDefined();
    clock.advance(1);
    expect(await sessions.authenticate(token)).toBeUndefined();
  });

  it('ends a session exactly 8 hours after it was last used, within the 12 hours', async () => {
    const early = await loginToken();
    const late = await loginToken();
    clock.advance(HOUR);
    expect(await sessions.authenticate(early)).toBeDefined();
    expect(await sessions.authenticate(late)).toBeDefined();
    clock.advance(8 * HOUR - 1);
    expect(await sessions.authenticate(early)).toBeDefined();
    clock.advance(1);
    expect(await sessions.authenticate(late)).toBeUndefined();
  });

  it('logs out: the token stops working, other sessions go on', async () => {
    const first = await loginToken();
    const second = await loginToken();
    await sessions.logout(first);
    expect(await sessions.authenticate(first)).toBeUndefined();
    expect(await sessions.authenticate(second)).toBeDefined();
  });

  it('ends the sessions of a removed mentor', async () => {
    const token = await loginToken();
    expect(await accounts.remove('kari')).toEqual({ ok: true, value: null });
    expect(await sessions.authenticate(token)).toBeUndefined();
  });

  it('takes a new password at once', async () => {
    expect(await accounts.passwd('kari', 'et nytt langt passord')).toEqual({ ok: true, value: null });
    expect((await sessions.login({ username: 'kari', password: PASSWORD, clientIp: '1.1.1.1' })).ok).toBe(false);
    expect(
      (await sessions.login({ username: 'kari', password: 'et nytt langt passord', clientIp: '1.1.1.1' })).ok,
    ).toBe(true);
  });

  it('after 5 failures for a name stops checking passwords from that address, but the right one gets in from another', async () => {
    for (let failure = 0; failure < 5; failure += 1) {
      const result = await sessions.login({
        username: 'kari',
        password: `feil passord ${failure}`,
        clientIp: '10.0.0.1',
      });
      expect(result).toEqual({ ok: false, code: 'invalid_credentials' });
    }
    expect(await sessions.login({ username: 'kari', password: PASSWORD, clientIp: '10.0.0.1' })).toEqual({
      ok: false,
      code: 'rate_limited',
      retryAfterSeconds: 900,
    });
    // the guesser cannot lock the real mentor out: her own address has not failed
    expect((await sessions.login({ username: 'kari', password: PASSWORD, clientIp: '10.0.0.2' })).ok).toBe(true);
    clock.advance(15 * 60_000);
    expect((await sessions.login({ username: 'kari', password: PASSWORD, clientIp: '10.0.0.1' })).ok).toBe(true);
  });
});
