/**
 * A store that answers but cannot write: /healthz and /readyz say 503 (not 200, as a `SELECT 1`
 * would), quickly; a login that fails on it is a 500 that is logged with a code; when the store can
 * write again, both say 200. SQLite: another process holds the write lock. PostgreSQL: the database
 * turns read-only (what a failover to a replica does).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { startTestPostgres } from '../support/postgresServer.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { createTally, requestHead, sendRaw } from './hostileClient.js';

const tally = createTally('store cannot write');
const postgres = await startTestPostgres();

afterAll(async () => {
  console.log(tally.summary());
  await postgres?.stop();
});

/** a probe answers within this, so that a load balancer polling every second hears "no" in time */
const PROBE_MS = 2500;

interface WriteOutage {
  env: Record<string, string>;
  begin(app: TestApp): Promise<void>;
  end(): Promise<void>;
}

/**
 * On a fresh connection each time: SQLite's busy wait blocks the event loop, and a kept-alive
 * connection that the server times out meanwhile would be reset under the next request.
 */
async function timedStatus(baseUrl: string, path: string): Promise<{ status: number | undefined; ms: number }> {
  const started = performance.now();
  const answer = await sendRaw(baseUrl, requestHead('GET', path, {}), '', { timeoutMs: 10_000 });
  return { status: answer.status, ms: performance.now() - started };
}

async function expectHealth(app: TestApp, status: number): Promise<void> {
  // a probe's answer is reused for half a second: the first probe after that sees the change
  await expect.poll(async () => (await timedStatus(app.baseUrl, '/healthz')).status).toBe(status);
  for (const path of ['/healthz', '/readyz']) {
    const answer = await timedStatus(app.baseUrl, path);
    expect(answer.status, path).toBe(status);
    expect(answer.ms, path).toBeLessThan(PROBE_MS);
  }
}

const outages: Array<[string, () => Promise<WriteOutage>]> = [
  [
    'SQLite (another process holds the write lock)',
    async () => {
      let holder: Database.Database | undefined;
      return {
        env: {},
        async begin(app) {
          holder = new Database(join(app.dataDir, SQLITE_FILE_NAME));
          holder.exec('BEGIN EXCLUSIVE');
        },
        async end() {
          holder?.exec('ROLLBACK');
          holder?.close();
        },
      };
    },
  ],
  [
    'PostgreSQL (the database turns read-only)',
    async () => {
      if (!postgres) throw new Error('PostgreSQL is not installed');
      const database = await postgres.createDatabase();
      const name = new URL(database.url).pathname.slice(1);
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: postgres.url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      };
      // sessions already open keep their setting: end them, as a failover does
      const setReadOnly = (on: boolean) =>
        admin(`ALTER DATABASE ${name} SET default_transaction_read_only = ${on ? 'on' : 'off'}`).then(() =>
          admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`),
        );
      return {
        env: { DATABASE_URL: database.url },
        begin: () => setReadOnly(true),
        end: () => setReadOnly(false),
      };
    },
  ],
];

describe.each(outages)('when the store cannot write: %s', (_name, makeOutage) => {
  test('/healthz and /readyz answer 503 quickly, a login is a logged 500, and all is well again after', async () => {
    const outage = await makeOutage();
    const app = await startTestApp({ env: outage.env });
    try {
      await expectHealth(app, 200);
      await outage.begin(app);
      await expectHealth(app, 503);
      tally.record('503');

      const body = JSON.stringify({ username: 'kari', password: 'secret-password-typed' });
      const login = await sendRaw(
        app.baseUrl,
        requestHead('POST', '/api/mentor/login', { 'Content-Type': 'application/json' }, body.length),
        body,
        { timeoutMs: 20_000, tally },
      );
      expect(login.status).toBe(500);
      expect(JSON.parse(login.body)).toEqual({ error: 'internal_error' });
      const logged = app.logLines.filter((line) => line.includes('"http.server_error"'));
      expect(logged.some((line) => line.includes('"route":"/api/mentor/login"') && line.includes('"code"'))).toBe(true);
      expect(app.logLines.join('')).not.toContain('secret-password-typed');

      await outage.end();
      await expectHealth(app, 200);
    } finally {
      await app.close();
    }
  });
});
