/**
 * Numbers sealed at rest: the key (DATA_ENCRYPTION_KEY or a 0600 key file in DATA_DIR), and the
 * migration that seals what an older version stored in clear, on SQLite and PostgreSQL.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadMigrations } from '../../src/storage/migrations/loadMigrations.js';
import type { Store } from '../../src/storage/ports.js';
import { createPostgresStore } from '../../src/storage/postgres/createPostgresStore.js';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from '../../src/storage/sealing/dataEncryptionKey.js';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { allRows, rowsMentioning } from '../multiInstance/storeLocation.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { tempDataDir } from '../support/testApp.js';
import { TEST_DATA_ENCRYPTION_KEY, testSealer } from '../support/testSealer.js';

const postgres = await startTestPostgres();

afterAll(async () => {
  await postgres?.stop();
});

/** the migration before the one that seals */
const BEFORE_SEALING = 6;
const NUMBER = '+4791234567';
const CALLBACK_NUMBER = '+4798765432';
const WEB_USER = 'dl_SomeUserIdOfTheWebChat';
const REFERENCE = { user: { id: WEB_USER }, conversation: { id: 'conv-1' }, serviceUrl: 'local' };

/** what an older version wrote: times and booleans as each dialect stores them */
function oldRows(dialect: { time: string; no: string }): string[] {
  const { time, no } = dialect;
  return [
    `INSERT INTO conversations (id, channel, address, locale, status, reference, created_at, updated_at)
     VALUES ('c-sms', 'sms', '${NUMBER}', 'nb', 'open', NULL, ${time}, ${time})`,
    `INSERT INTO conversations (id, channel, address, locale, status, reference, created_at, updated_at)
     VALUES ('c-web', 'webchat', 'conv-1', 'nb', 'open', '${JSON.stringify(REFERENCE)}', ${time}, ${time})`,
    `INSERT INTO opt_outs (channel, address, at) VALUES ('sms', '${NUMBER}', ${time})`,
    `INSERT INTO handovers (id, conversation_id, channel, status, priority, crisis, consent, summary, waiting_since,
       visible_from_message_id, contact_phone)
     VALUES ('h-1', 'c-web', 'webchat', 'callback', 0, ${no}, ${no}, '', ${time}, 0, '${CALLBACK_NUMBER}')`,
  ];
}

async function expectSealedAndReadable(store: Store): Promise<void> {
  await store.transaction(null, async (uow) => {
    expect((await uow.conversations.findByAddress('sms', NUMBER))?.id).toBe('c-sms');
    const web = await uow.conversations.findByAddress('webchat', 'conv-1');
    expect(web?.reference).toEqual(REFERENCE);
    expect(await uow.optOuts.isOptedOut('sms', NUMBER)).toBe(true);
    expect((await uow.handovers.get('h-1'))?.contactPhone).toBe(CALLBACK_NUMBER);
  });
}

describe('the sealing migration', () => {
  it('seals numbers, web chat ids and callback numbers stored in clear (SQLite)', async () => {
    const dataDir = tempDataDir();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    for (const migration of (await loadMigrations('sqlite')).slice(0, BEFORE_SEALING)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(migration.version, migration.name);
    }
    for (const row of oldRows({ time: '1', no: '0' })) db.exec(row);
    db.close();

    const store = await createSqliteStore({ dataDir });
    try {
      const location = { kind: 'sqlite', dataDir } as const;
      expect(rowsMentioning(await allRows(location), [NUMBER, CALLBACK_NUMBER, WEB_USER])).toEqual([]);
      await expectSealedAndReadable(store);
    } finally {
      await store.close();
    }
    // and once only: reopening leaves the sealed rows as they are
    const reopened = await createSqliteStore({ dataDir });
    try {
      await expectSealedAndReadable(reopened);
    } finally {
      await reopened.close();
    }
  });

  it(
    'seals numbers, web chat ids and callback numbers stored in clear (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, async (server) => {
      const database = await server.createDatabase();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(
          'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        for (const migration of (await loadMigrations('postgres')).slice(0, BEFORE_SEALING)) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
        }
        for (const row of oldRows({ time: 'to_timestamp(1)', no: 'false' })) await client.query(row);
      } finally {
        await client.end();
      }
      const store = await createPostgresStore({ connectionString: database.url, sealer: testSealer() });
      try {
        const location = { kind: 'postgres', url: database.url } as const;
        expect(rowsMentioning(await allRows(location), [NUMBER, CALLBACK_NUMBER, WEB_USER])).toEqual([]);
        await expectSealedAndReadable(store);
      } finally {
        await store.close();
      }
    }),
  );
});

describe('the data encryption key', () => {
  it('is generated into DATA_DIR at first start, readable by this user only, and kept', async () => {
    const dataDir = tempDataDir();
    const first = await loadOrCreateKeyFile(dataDir);
    expect(first).toHaveLength(32);
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateKeyFile(dataDir)).toEqual(first);
  });

  it('processes starting at once agree on one key', async () => {
    const dataDir = tempDataDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeyFile(dataDir)));
    for (const key of keys) expect(key).toEqual(keys[0]);
  });

  it('DATA_ENCRYPTION_KEY must be 32 bytes of base64', () => {
    expect(loadConfig({ DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY }).dataEncryptionKey).toHaveLength(32);
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), '***']) {
      expect(() => loadConfig({ DATA_ENCRYPTION_KEY: bad }), bad).toThrow(/DATA_ENCRYPTION_KEY/);
    }
  });

  it('is required in production with PostgreSQL, and the reason is given on one line', () => {
    const production = {
      NODE_ENV: 'production',
      TWILIO_AUTH_TOKEN: 'token',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'app-password',
      DATABASE_URL: 'postgres://db/helpline',
    };
    let problems: string[] = [];
    try {
      loadConfig(production);
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATA_ENCRYPTION_KEY: required when NODE_ENV=production with DATABASE_URL [^\n]+$/);
    expect(loadConfig({ ...production, DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY }).production).toBe(true);
  });
});
