/**
 * The databases deployments hold migrate forward without loss: a database made by the code of schema
 * 014 (test/storage/fixtures, never made again with newer code) is opened with today's store, which
 * migrates it to the latest schema; everything written into it reads back the same through the ports,
 * its schema is that of a database made new, and it takes new turns.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { hourOf } from '../../src/statistics/metrics.js';
import { loadMigrations } from '../../src/storage/migrations/loadMigrations.js';
import type { Store } from '../../src/storage/ports.js';
import { createPostgresStore } from '../../src/storage/postgres/createPostgresStore.js';
import { createSqliteStore } from '../../src/storage/sqlite/createSqliteStore.js';
import { describeWith } from '../support/needs.js';
import { restoreDump } from '../support/postgresDump.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import type { FixtureKeys } from './fixtures/fixtureContent.js';
import { fixtureSealer, SCHEMA_014 } from './fixtures/fixtureFiles.js';
import { readEverything, withNumberedIds } from './fixtures/readEverything.js';

interface Expected {
  schemaVersion: number;
  keys: FixtureKeys;
  content: ExpectedContent;
}

/** the parts of the expected content the checks below pick out by name */
interface ExpectedContent {
  conversations: Array<{ record: { id: string; address: string } | null; transcript: Array<{ id: number }> }>;
  mentors: Array<{ id: string; username: string }>;
  auditLog: Array<{ id: string }>;
  statistics: Array<{ hourStart: string; metric: string; dimension: string; value: number }>;
}

async function readExpected(file: string): Promise<Expected> {
  return JSON.parse(await readFile(file, 'utf8')) as Expected;
}

const server = await startTestPostgres();

afterAll(async () => {
  await server?.stop();
});

test('the two dialects’ fixtures hold the same content', async () => {
  const [sqlite, postgres] = await Promise.all([
    readExpected(SCHEMA_014.sqliteExpected),
    readExpected(SCHEMA_014.postgresExpected),
  ]);
  expect(sqlite.schemaVersion).toBe(14);
  expect(postgres.schemaVersion).toBe(14);
  expect(withNumberedIds(postgres.content)).toEqual(withNumberedIds(sqlite.content));
});

/** the schema, made comparable: tables with their columns, indexes and triggers, by name */
type SchemaOutline = Record<string, string[]>;

describe('a schema-014 SQLite database', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function copyOfFixture(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'migrate-forward-'));
    dirs.push(dir);
    const file = join(dir, 'helpline.sqlite');
    await copyFile(SCHEMA_014.sqlite, file);
    return file;
  }

  function sqliteOutline(file: string): { versions: number[]; schema: SchemaOutline } {
    const db = new Database(file, { readonly: true });
    try {
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
      const objects = db
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>;
      const schema: SchemaOutline = {};
      for (const object of objects) {
        if (object.type === 'table') {
          const columns = db
            .prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)')
            .all(object.name);
          schema[`table ${object.name}`] = columns.map((column) => JSON.stringify(column)).sort();
        } else {
          schema[`${object.type} ${object.name} on ${object.tbl_name}`] = [normalizeSql(object.sql ?? '')];
        }
      }
      return { versions, schema };
    } finally {
      db.close();
    }
  }

  test('migrates to the latest schema, reads back everything and takes new turns', async () => {
    const expected = await readExpected(SCHEMA_014.sqliteExpected);
    const file = await copyOfFixture();
    expect(sqliteOutline(file).versions).toEqual(range(1, 14));

    const store = await createSqliteStore({ file, sealer: fixtureSealer() });
    try {
      expect(await readEverything(store, expected.keys)).toEqual(expected.content);
      await expectNewTurnsWork(store, expected);
    } finally {
      await store.close();
    }
    const migrated = sqliteOutline(file);
    expect(migrated.versions).toEqual((await loadMigrations('sqlite')).map((migration) => migration.version));

    const freshFile = join(dirs[0] as string, 'fresh.sqlite');
    await (await createSqliteStore({ file: freshFile, sealer: fixtureSealer() })).close();
    expect(migrated.schema).toEqual(sqliteOutline(freshFile).schema);
  });
});

describeWith(server, POSTGRES_MISSING, 'a schema-014 PostgreSQL database', (server) => {
  async function query<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end();
    }
  }

  async function postgresOutline(url: string): Promise<{ versions: number[]; schema: SchemaOutline }> {
    const versions = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    const columns = await query<{ table_name: string; column: string }>(
      url,
      `SELECT table_name, concat_ws(' ', column_name, data_type, is_nullable, column_default) AS column
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const indexes = await query<{ name: string; definition: string }>(
      url,
      "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'",
    );
    const triggers = await query<{ name: string; definition: string }>(
      url,
      'SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE NOT tgisinternal',
    );
    const constraints = await query<{ name: string; definition: string }>(
      url,
      `SELECT conrelid::regclass || ' ' || conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
    );
    const schema: SchemaOutline = {};
    for (const column of columns) {
      const key = `table ${column.table_name}`;
      schema[key] = [...(schema[key] ?? []), column.column].sort();
    }
    for (const index of indexes) schema[`index ${index.name}`] = [index.definition];
    for (const trigger of triggers) schema[`trigger ${trigger.name}`] = [trigger.definition];
    for (const constraint of constraints) schema[`constraint ${constraint.name}`] = [constraint.definition];
    return { versions: versions.map((row) => row.version), schema };
  }

  test('restored from its dump, migrates to the latest schema, reads back everything and takes new turns', async () => {
    const expected = await readExpected(SCHEMA_014.postgresExpected);
    const database = await server.createDatabase();
    const fresh = await server.createDatabase();
    try {
      await restoreDump(database.url, SCHEMA_014.postgresDump);
      expect((await postgresOutline(database.url)).versions).toEqual(range(1, 14));

      const store = await createPostgresStore({ connectionString: database.url, sealer: fixtureSealer() });
      try {
        expect(await readEverything(store, expected.keys)).toEqual(expected.content);
        await expectNewTurnsWork(store, expected);
      } finally {
        await store.close();
      }
      const migrated = await postgresOutline(database.url);
      expect(migrated.versions).toEqual((await loadMigrations('postgres')).map((migration) => migration.version));

      await (await createPostgresStore({ connectionString: fresh.url, sealer: fixtureSealer() })).close();
      expect(migrated.schema).toEqual((await postgresOutline(fresh.url)).schema);
    } finally {
      await Promise.all([database.drop(), fresh.drop()]);
    }
  });
});

/**
 * One more SMS turn in a conversation of the fixture, and a new conversation handed over to a mentor:
 * the migrated database writes, its ids go on from the fixture's (sequences and AUTOINCREMENT carried
 * over), and old and new rows are found together.
 */
async function expectNewTurnsWork(store: Store, expected: Expected): Promise<void> {
  const at = new Date(expected.keys.readAt);
  const old = expected.content;
  const queued = old.conversations[0];
  const ola = old.mentors.find((mentor) => mentor.username === 'ola');
  if (!queued?.record || !ola) throw new Error('the fixture lacks its first SMS conversation or ola');
  const lastMessageId = Math.max(
    ...old.conversations.flatMap((conversation) => conversation.transcript.map((m) => m.id)),
  );
  const lastAuditId = Math.max(...old.auditLog.map((row) => Number(row.id)));

  const smsAddress = queued.record.address;
  const turn = await store.transaction(`sms:${smsAddress}`, async (uow) => {
    const conversation = await uow.conversations.findByAddress('sms', smsAddress);
    if (!conversation) throw new Error('the migrated database lost the SMS conversation');
    const userLine = await uow.transcript.append({
      conversationId: conversation.id,
      direction: 'user',
      text: 'Er det lenge igjen?',
      at,
    });
    await uow.transcript.append({
      conversationId: conversation.id,
      direction: 'bot',
      text: 'Du står fortsatt i kø.',
      at,
    });
    await uow.conversations.update(conversation.id, { snapshot: { after: 'migration' }, updatedAt: at });
    await uow.processedInbound.record({
      channel: 'sms',
      externalId: 'SM0000000000000000000000000000f001',
      conversationId: conversation.id,
      reply: 'Du står fortsatt i kø.',
      at,
    });
    await uow.twilioMessages.record({
      conversationId: conversation.id,
      messageSid: 'SM0000000000000000000000000000f001',
      mediaSids: [],
      at,
    });
    await uow.statistics.increment(hourOf(at), [{ metric: 'message.read', dimension: 'conversation.queue' }]);
    return { conversationId: conversation.id, userLine };
  });
  expect(turn.conversationId).toBe(queued.record.id);
  expect(turn.userLine).toBeGreaterThan(lastMessageId);

  const newcomer = await store.transaction('sms:+4793333333', async (uow) => {
    const conversation = await uow.conversations.create({
      channel: 'sms',
      address: '+4793333333',
      locale: 'nb',
      now: at,
    });
    const first = await uow.transcript.append({
      conversationId: conversation.id,
      direction: 'user',
      text: 'MENTOR',
      at,
    });
    const handover = await uow.handovers.create({
      conversationId: conversation.id,
      channel: 'sms',
      status: 'waiting',
      priority: 0,
      crisis: false,
      consent: true,
      topic: null,
      summary: 'messages=1',
      waitingSince: at,
      visibleFromMessageId: first,
    });
    const claimed = await uow.handovers.claim(handover.id, ola.id, at);
    await uow.auditLog.add({ at, actor: 'ola', action: 'handover.accept', target: '', handoverId: handover.id });
    const version = await uow.settings.put('opening_hours', '{"always":true,"weekly":{},"exceptions":[]}', at);
    return { conversationId: conversation.id, handoverId: handover.id, claimed, version };
  });
  expect(newcomer.claimed).toBe(true);
  expect(newcomer.version).toBe(3);

  await store.transaction(null, async (uow) => {
    const transcript = await uow.transcript.list(queued.record?.id ?? '', { sinceId: turn.userLine });
    expect(transcript.map((message) => [message.direction, message.text])).toEqual([
      ['user', 'Er det lenge igjen?'],
      ['bot', 'Du står fortsatt i kø.'],
    ]);
    expect(await uow.processedInbound.find('sms', 'SM0000000000000000000000000000f001')).toEqual({
      reply: 'Du står fortsatt i kø.',
    });
    expect(await uow.twilioMessages.conversationOf('SM0000000000000000000000000000f001')).toBe(queued.record?.id);
    expect((await uow.conversations.findByAddress('sms', '+4793333333'))?.id).toBe(newcomer.conversationId);
    const active = await uow.handovers.listByStatus(['active']);
    expect(active.map((handover) => handover.id)).toContain(newcomer.handoverId);
    expect(active).toHaveLength(2);
    const audit = await uow.auditLog.listBetween(at, new Date(at.getTime() + 1), 10);
    expect(audit.map((row) => Number(row.id))).toEqual([lastAuditId + 1]);
    const counters = await uow.statistics.listBetween(hourOf(at), new Date(hourOf(at).getTime() + 3600_000));
    expect(counters).toEqual([
      { hourStart: hourOf(at), metric: 'message.read', dimension: 'conversation.queue', value: 1 },
    ]);
    expect((await uow.settings.get('opening_hours'))?.version).toBe(3);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
