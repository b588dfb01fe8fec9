/**
 * PostgreSQL's side of the shared repositories: pg sends and reads Date and boolean itself, and parses
 * jsonb; JSON is sent as text cast to jsonb (pg would turn a JS array into a PostgreSQL array). And
 * Kysely on the pooled client a transaction already holds.
 */
import { Kysely, PostgresDialect, type PostgresPool, sql } from 'kysely';
import type { PoolClient } from 'pg';
import { runCompiledOn } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredBoolean, StoredJson, StoredTime, Tables } from '../database/tables.js';
import { WriteBehind } from './writeBehind.js';

export const postgresDialect: StorageDialect = {
  name: 'postgres',
  time: (date) => date as unknown as StoredTime,
  toDate: (stored) => stored as unknown as Date,
  bool: (value) => value as unknown as StoredBoolean,
  toBoolean: (stored) => stored as unknown as boolean,
  json: (value) => postgresDialect.jsonFromText(JSON.stringify(value)),
  jsonFromText: (text) => sql<StoredJson>`cast(${text} as jsonb)`,
  fromJson: (stored) => stored,
  skipsLockedRows: true,
  inByteOrder: (column) => sql<string>`${sql.ref(column)} collate "C"`,
  least: (a, b) => sql`least(${a}, ${b})`,
  // the identity's own sequence (migration 019 lets an insert give the id it took)
  nextTranscriptId: sql<string>`nextval(pg_get_serial_sequence('transcript_messages', 'id'))`,
};

/**
 * A name for each SQL text, so pg prepares it once per connection and then only binds values (it
 * parses and plans an unnamed query anew on every call). Kysely writes the same text for a query
 * every time, so the texts are few; past the bound, a rare text runs unnamed rather than growing
 * every connection's statement cache for ever.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `helpline_${statementNames.size + 1}`;
  statementNames.set(text, name);
  return name;
}

/**
 * Kysely whose every query runs on `client`: the store lends the client for one transaction at a time
 * (BEGIN, the advisory lock, COMMIT are the store's) and gives it back to the pool itself, so Kysely's
 * "release" does nothing. Prepared writes made with `executeLater` are held back by `writes` (see
 * writeBehind.ts), which the store flushes before COMMIT and discards on ROLLBACK.
 */
export function createPostgresDb(client: Pick<PoolClient, 'query'>): { db: StorageDb; writes: WriteBehind } {
  // Kysely hands over a fresh array of parameters (and so does the direct runner below)
  const send = (text: string, parameters: ReadonlyArray<unknown>) =>
    client.query({ name: statementName(text), text, values: parameters as unknown[] });
  const writes = new WriteBehind(send);
  const query = (text: string, parameters: ReadonlyArray<unknown>) => writes.query(text, parameters);
  const lent = { query, release() {} };
  // the type also wants pg-cursor's overload of `query`, which only streaming would use
  const pool = { connect: async () => lent, end: async () => {} } as unknown as PostgresPool;
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  // prepared queries go to the client directly, answering as Kysely's PostgreSQL driver does
  const db = runCompiledOn(
    kysely,
    async (compiled) => {
      const { command, rowCount, rows } = await query(compiled.sql, [...compiled.parameters]);
      const changesRows = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
      return { numAffectedRows: changesRows ? BigInt(rowCount ?? 0) : undefined, rows: rows ?? [] };
    },
    (compiled) => writes.write(compiled.sql, [...compiled.parameters]),
  );
  return { db, writes };
}
