/**
 * SQLite's side of the shared repositories: times as UTC epoch milliseconds, booleans as 0/1, JSON as
 * text; and Kysely on the store's one better-sqlite3 connection, each SQL text prepared once.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import { runCompiledOn } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredBoolean, StoredJson, StoredTime, Tables } from '../database/tables.js';

export const sqliteDialect: StorageDialect = {
  name: 'sqlite',
  time: (date) => date.getTime() as unknown as StoredTime,
  toDate: (stored) => new Date(stored as unknown as number),
  bool: (value) => (value ? 1 : 0) as unknown as StoredBoolean,
  toBoolean: (stored) => (stored as unknown as number) === 1,
  json: (value) => sqliteDialect.jsonFromText(JSON.stringify(value)),
  jsonFromText: (text) => sql<StoredJson>`${text}`,
  fromJson: (stored) => JSON.parse(stored as unknown as string),
  skipsLockedRows: false,
  inByteOrder: (column) => sql<string>`${sql.ref(column)}`,
  least: (a, b) => sql`min(${a}, ${b})`,
  nextTranscriptId: null,
};

/**
 * Kysely on the connection. Kysely prepares every query it runs; better-sqlite3 statements can be
 * run again, so each SQL text is prepared once and kept (the queries are few and their texts fixed).
 * Transactions are not Kysely's: the store opens them (BEGIN IMMEDIATE) on the same connection.
 */
export function createSqliteDb(db: BetterSqlite3.Database): StorageDb {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const database: SqliteDatabase = {
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        statement = db.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    // the store closes the connection itself, after its queued transactions
    close() {},
  };
  const kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  // prepared queries run on the statement directly, answering as Kysely's SQLite driver does
  return runCompiledOn(kysely, async (query) => {
    const statement = database.prepare(query.sql) as BetterSqlite3.Statement;
    if (statement.reader) return { rows: statement.all(query.parameters) };
    const { changes, lastInsertRowid } = statement.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  });
}
