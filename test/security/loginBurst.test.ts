/**
 * A burst of parallel password guesses over HTTP, on SQLite and on PostgreSQL: exactly as many are
 * checked as sequential guesses would be (5 per username), the right password hidden in the burst
 * does not get in, and the real mentor still logs in from an address that has not failed.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { startTestPostgres } from '../support/postgresServer.js';
import { startTestApp } from '../support/testApp.js';
import { createTally, requestHead, sendRaw } from './hostileClient.js';

const tally = createTally('login burst');
const postgres = await startTestPostgres();
const PASSWORD = 'riktig passord for kari 2026';

afterAll(async () => {
  console.log(tally.summary());
  await postgres?.stop();
});

const stores: Array<[string, () => Promise<Record<string, string>>]> = [
  ['SQLite', async () => ({})],
  [
    'PostgreSQL',
    async () => {
      if (!postgres) throw new Error('PostgreSQL is not installed');
      return { DATABASE_URL: (await postgres.createDatabase()).url };
    },
  ],
];

describe.each(stores)('a login burst on %s', (_name, environment) => {
  test('200 parallel guesses: 5 are checked, the rest are refused unchecked, a clean address gets in', async () => {
    const app = await startTestApp({ env: await environment() });
    try {
      const accounts = createMentorAccounts({ store: app.store, clock: app.clock });
      expect((await accounts.add('kari', PASSWORD)).ok).toBe(true);
      const login = (password: string, localAddress?: string) => {
        const body = JSON.stringify({ username: 'kari', password });
        const head = requestHead('POST', '/api/mentor/login', { 'Content-Type': 'application/json' }, body.length);
        return sendRaw(app.baseUrl, head, body, { timeoutMs: 60_000, ...(localAddress ? { localAddress } : {}) });
      };

      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, index) => login(index === 150 ? PASSWORD : `gjetning ${index}`)),
      );
      for (const answer of answers) tally.record(String(answer.status));
      const statuses = answers.map((answer) => answer.status);
      // exactly 5 passwords are checked, as in 5 sequential guesses; the right one at index 150 gets in
      // only if it happened to be among those 5 (arrival order is the network's), never as the 6th
      const checked = statuses.filter((status) => status === 401 || status === 200);
      expect(checked).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(195);
      for (const answer of answers.filter((each) => each.status === 429)) {
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      }

      // a right password clears the username: only when it was not checked is kari still blocked here
      if (!statuses.includes(200)) expect((await login(PASSWORD)).status).toBe(429);
      const fromOffice = await login(PASSWORD, '127.0.0.2');
      expect(fromOffice.status).toBe(200);
      expect(fromOffice.headers['set-cookie']).toMatch(/HttpOnly/i);
    } finally {
      await app.close();
    }
  });
});
