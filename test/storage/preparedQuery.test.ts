import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedQuery } from '../../src/storage/database/preparedQuery.js';
import type { StoredTime } from '../../src/storage/database/tables.js';
import { createSqliteDb, sqliteDialect } from '../../src/storage/sqlite/sqliteDialect.js';

function openDatabase() {
  const connection = new Database(':memory:');
  connection.exec(
    'CREATE TABLE processed_inbound (channel TEXT, external_id TEXT, conversation_id TEXT, reply TEXT, at INTEGER)',
  );
  return { connection, db: createSqliteDb(connection) };
}

const insert = preparedQuery((db, _dialect, values: { externalId: string; reply?: string; at: StoredTime }) =>
  db.insertInto('processed_inbound').values({
    channel: 'sms',
    external_id: values.externalId,
    conversation_id: 'c1',
    // a value left out makes another shape: the column's constant instead
    reply: values.reply ?? 'no reply',
    at: values.at,
  }),
);
const find = preparedQuery((db, _dialect, values: { externalId: string }) =>
  db.selectFrom('processed_inbound').select(['reply', 'at']).where('external_id', '=', values.externalId),
);

describe('a prepared query (built and compiled once, run with new values)', () => {
  it('runs with each call’s values, whatever values it was compiled with', async () => {
    const { db } = openDatabase();
    for (const [index, reply] of ['first', 'second', 'third'].entries()) {
      await insert.execute(db, sqliteDialect, {
        externalId: `SM${index}`,
        reply,
        at: sqliteDialect.time(new Date(index)),
      });
    }
    expect(await find.takeFirst(db, sqliteDialect, { externalId: 'SM1' })).toEqual({ reply: 'second', at: 1 });
    expect(await find.takeFirst(db, sqliteDialect, { externalId: 'SM2' })).toEqual({ reply: 'third', at: 2 });
    expect(await find.takeFirst(db, sqliteDialect, { externalId: 'SM9' })).toBeUndefined();
  });

  it('compiles another shape for a value left undefined, and keeps the constants the build wrote', async () => {
    const { db } = openDatabase();
    await insert.execute(db, sqliteDialect, { externalId: 'SM1', reply: 'given', at: sqliteDialect.time(new Date(5)) });
    await insert.execute(db, sqliteDialect, {
      externalId: 'SM2',
      reply: undefined,
      at: sqliteDialect.time(new Date(6)),
    });
    await insert.execute(db, sqliteDialect, {
      externalId: 'SM3',
      reply: 'given again',
      at: sqliteDialect.time(new Date(7)),
    });
    const replies = await Promise.all(
      ['SM1', 'SM2', 'SM3'].map(async (externalId) => (await find.takeFirst(db, sqliteDialect, { externalId }))?.reply),
    );
    expect(replies).toEqual(['given', 'no reply', 'given again']);
  });

  it('counts the rows a write touched', async () => {
    const { db } = openDatabase();
    const result = await insert.execute(db, sqliteDialect, { externalId: 'SM1', at: sqliteDialect.time(new Date(0)) });
    expect(result.numAffectedRows).toBe(1n);
  });

  it('answers as Kysely’s own driver does, though it runs on the statement directly', async () => {
    const { db } = openDatabase();
    const at = sqliteDialect.time(new Date(3));
    const direct = await insert.execute(db, sqliteDialect, { externalId: 'SM1', reply: 'hei', at });
    const row = { channel: 'sms' as const, external_id: 'SM2', conversation_id: 'c1', reply: 'hei', at };
    const throughKysely = await db.executeQuery(db.insertInto('processed_inbound').values(row).compile());
    expect(direct).toEqual({ numAffectedRows: 1n, insertId: 1n, rows: [] });
    expect(throughKysely).toEqual({ numAffectedRows: 1n, insertId: 2n, rows: [] });
    const select = db.selectFrom('processed_inbound').select(['reply', 'at']).where('external_id', '=', 'SM2');
    expect(await find.execute(db, sqliteDialect, { externalId: 'SM2' })).toEqual(
      await db.executeQuery(select.compile()),
    );
  });
});
