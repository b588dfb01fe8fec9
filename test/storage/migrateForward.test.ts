/**
 * The databases deployments hold migrate forward without loss. Each fixture (test/storage/fixtures,
 * never made again with newer code) is opened with today's store, which migrates it to the latest
 * schema; everything in it reads back the same through the ports, its schema is that of a database
 * made new, and it takes new turns. Schema 014 was written through that version's ports; schema 010
 * predates the sealing of numbers (011), so it also proves that step: its clear numbers are found,
 * opened and nowhere left in clear.
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
import { describeWith } from '../support/needs.js';
import { restoreDump } from '../support/postgresDump.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { openFixtureStore, SCHEMA_010, SCHEMA_014, SQLITE_FILE_IN_DATA_DIR } from './fixtures/fixtureFiles.js';
import type { FixtureKeys } from './fixtures/fixtureKeys.js';
import { readEverything, withNumberedIds } from './fixtures/readEverything.js';
import { CLEAR_NUMBERS, SCHEMA_010_ROWS } from './fixtures/schema010Rows.js';

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
  settings: Array<{ name: string; setting: { version: number } | null }>;
}

interface FixtureSet {
  schemaVersion: number;
  files: typeof SCHEMA_014;
  /** checks of its own on what the migrated database holds, beyond the comparison with the expected content */
  alsoCheck?: (read: unknown, allRows: () => Promise<unknown[]>) => Promise<void>;
}

const FIXTURE_SETS: FixtureSet[] = [
  { schemaVersion: 14, files: SCHEMA_014 },
  { schemaVersion: 10, files: SCHEMA_010, alsoCheck: expectClearRowsSealedAndOpened },
];

async function readExpected(file: string): Promise<Expected> {
  return JSON.parse(await readFile(file, 'utf8')) as Expected;
}

const server = await startTestPostgres();

afterAll(async () => {
  await server?.stop();
});

test.each(FIXTURE_SETS)('the two dialects’ fixtures of schema $schemaVersion hold the same content', async (set) => {
  const [sqlite, postgres] = await Promise.all([
    readExpected(set.files.sqliteExpected),
    readExpected(set.files.postgresExpected),
  ]);
  expect(sqlite.schemaVersion).toBe(set.schemaVersion);
  expect(postgres.schemaVersion).toBe(set.schemaVersion);
  expect(withNumberedIds(postgres.content)).toEqual(withNumberedIds(sqlite.content));
});

/** the schema, made comparable: tables with their columns, indexes, triggers and constraints, by name */
type SchemaOutline = Record<string, string[]>;

type QueryRows = (text: string) => Promise<Array<Record<string, unknown>>>;

describe('SQLite databases of older versions', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function tempDataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'migrate-forward-'));
    dirs.push(dir);
    return dir;
  }

  function withDatabase<T>(file: string, use: (db: Database.Database) => T): T {
    const db = new Database(file, { readonly: true });
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  const tableNames = (db: Database.Database) =>
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];

  function sqliteOutline(file: string): { versions: number[]; schema: SchemaOutline } {
    return withDatabase(file, (db) => {
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
    });
  }

  let freshSchema: Promise<SchemaOutline> | undefined;
  /** the schema of a database this checkout makes new */
  function schemaMadeNew(): Promise<SchemaOutline> {
    freshSchema ??= (async () => {
      const dataDir = await tempDataDir();
      await (await openFixtureStore({ dataDir })).close();
      return sqliteOutline(join(dataDir, SQLITE_FILE_IN_DATA_DIR)).schema;
    })();
    return freshSchema;
  }

  test.each(FIXTURE_SETS)(
    'schema $schemaVersion migrates to the latest, reads back everything and takes new turns',
    async (set) => {
      const expected = await readExpected(set.files.sqliteExpected);
      const dataDir = await tempDataDir();
      const file = join(dataDir, SQLITE_FILE_IN_DATA_DIR);
      await copyFile(set.files.sqlite, file);
      expect(sqliteOutline(file).versions).toEqual(range(1, set.schemaVersion));

      const store = await openFixtureStore({ dataDir });
      try {
        const read = await readEverything(store, expected.keys);
        expect(read).toEqual(expected.content);
        await set.alsoCheck?.(read, async () =>
          withDatabase(file, (db) => tableNames(db).flatMap((table) => db.prepare(`SELECT * FROM "${table}"`).all())),
        );
        await expectNewTurnsWork(store, expected);
      } finally {
        await store.close();
      }
      const migrated = sqliteOutline(file);
      expect(migrated.versions).toEqual((await loadMigrations('sqlite')).map((migration) => migration.version));
      expect(migrated.schema).toEqual(await schemaMadeNew());
    },
  );
});

describeWith(server, POSTGRES_MISSING, 'PostgreSQL databases of older versions', (server) => {
  async function withClient<T>(url: string, use: (query: QueryRows) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await use(async (text) => (await client.query(text)).rows);
    } finally {
      await client.end();
    }
  }

  function postgresOutline(url: string): Promise<{ versions: number[]; schema: SchemaOutline }> {
    return withClient(url, async (query) => {
      const versions = await query('SELECT version FROM schema_migrations ORDER BY version');
      const columns = await query(
        `SELECT table_name AS name, concat_ws(' ', column_name, data_type, is_nullable, column_default) AS definition
         FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const indexes = await query(
        "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'",
      );
      const triggers = await query(
        'SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE NOT tgisinternal',
      );
      const constraints = await query(
        `SELECT conrelid::regclass || ' ' || conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
      );
      const schema: SchemaOutline = {};
      for (const column of columns) {
        const key = `table ${column.name}`;
        schema[key] = [...(schema[key] ?? []), String(column.definition)].sort();
      }
      for (const [kind, rows] of [
        ['index', indexes],
        ['trigger', triggers],
        ['constraint', constraints],
      ] as const) {
        for (const row of rows) schema[`${kind} ${row.name}`] = [String(row.definition)];
      }
      return { versions: versions.map((row) => Number(row.version)), schema };
    });
  }

  function allRows(url: string): Promise<unknown[]> {
    return withClient(url, async (query) => {
      const tables = await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      const rows: unknown[] = [];
      for (const { tablename } of tables) rows.push(...(await query(`SELECT * FROM "${tablename}"`)));
      return rows;
    });
  }

  let freshSchema: Promise<SchemaOutline> | undefined;
  /** the schema of a database this checkout makes new */
  function schemaMadeNew(): Promise<SchemaOutline> {
    freshSchema ??= (async () => {
      const fresh = await server.createDatabase();
      try {
        await (await openFixtureStore({ databaseUrl: fresh.url })).close();
        return (await postgresOutline(fresh.url)).schema;
      } finally {
        await fresh.drop();
      }
    })();
    return freshSchema;
  }

  test.each(FIXTURE_SETS)(
    'schema $schemaVersion, restored from its dump, migrates to the latest, reads back everything and takes new turns',
    async (set) => {
      const expected = await readExpected(set.files.postgresExpected);
      const database = await server.createDatabase();
      try {
        await restoreDump(database.url, set.files.postgresDump);
        expect((await postgresOutline(database.url)).versions).toEqual(range(1, set.schemaVersion));

        const store = await openFixtureStore({ databaseUrl: database.url });
        try {
          const read = await readEverything(store, expected.keys);
          expect(read).toEqual(expected.content);
          await set.alsoCheck?.(read, () => allRows(database.url));
          await expectNewTurnsWork(store, expected);
        } finally {
          await store.close();
        }
        const migrated = await postgresOutline(database.url);
        expect(migrated.versions).toEqual((await loadMigrations('postgres')).map((migration) => migration.version));
        expect(migrated.schema).toEqual(await schemaMadeNew());
      } finally {
        await database.drop();
      }
    },
  );
});

/**
 * Schema 010 held numbers and web chat ids in clear: after migrating, each is found by its value and
 * opens to it (conversations, the callback's number, the reference naming the user, opt-outs), the
 * rows read as they were inserted, and no clear value is left in any table.
 */
async function expectClearRowsSealedAndOpened(read: unknown, allRows: () => Promise<unknown[]>): Promise<void> {
  const content = read as {
    conversations: Array<{
      record: { id: string; channel: string; address: string; locale: string; status: string; reference: unknown };
      transcript: Array<{ conversationId: string; direction: string; text: string; crisis: boolean }>;
    }>;
    conversationByAddress: Array<{ channel: string; address: string; id: string | null }>;
    handovers: Array<{ record: { id: string; status: string; contactPhone: string | null } }>;
    optOuts: Array<{ channel: string; address: string; optedOut: boolean }>;
  };
  const rowsOf = (table: string) => SCHEMA_010_ROWS.find((rows) => rows.table === table)?.rows ?? [];
  const jsonOf = (value: unknown) =>
    value !== null && typeof value === 'object' && 'json' in value ? value.json : value;

  expect(content.conversations.map(({ record }) => record)).toEqual(
    rowsOf('conversations').map((row) =>
      expect.objectContaining({
        id: row.id,
        channel: row.channel,
        address: row.address,
        locale: row.locale,
        status: row.status,
        reference: jsonOf(row.reference),
      }),
    ),
  );
  expect(content.conversationByAddress.map((found) => found.id)).toEqual(rowsOf('conversations').map((row) => row.id));
  expect(content.conversations.flatMap(({ transcript }) => transcript)).toEqual(
    rowsOf('transcript_messages').map((row) =>
      expect.objectContaining({
        conversationId: row.conversation_id,
        direction: row.direction,
        text: row.text,
        crisis: row.crisis,
      }),
    ),
  );
  expect(content.handovers.map(({ record }) => [record.id, record.status, record.contactPhone])).toEqual(
    rowsOf('handovers').map((row) => [row.id, row.status, row.contact_phone]),
  );
  expect(content.handovers.find(({ record }) => record.status === 'callback')?.record.contactPhone).toBe(
    CLEAR_NUMBERS.callbackPhone,
  );
  expect(content.optOuts.filter((optOut) => optOut.optedOut)).toEqual([
    { channel: 'sms', address: CLEAR_NUMBERS.optedOutSms, optedOut: true },
    { channel: 'webchat', address: CLEAR_NUMBERS.optedOutWebchat, optedOut: true },
  ]);

  const stored = JSON.stringify(await allRows());
  for (const clear of Object.values(CLEAR_NUMBERS)) expect(stored).not.toContain(clear);
}

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
  const savedVersion = old.settings.find((row) => row.name === 'opening_hours')?.setting?.version ?? 0;
  expect(newcomer.version).toBe(savedVersion + 1);

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
    expect((await uow.settings.get('opening_hours'))?.version).toBe(savedVersion + 1);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
