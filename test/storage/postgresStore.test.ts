import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import type { Store } from '../../src/storage/ports.js';
import { createPostgresStore } from '../../src/storage/postgres/createPostgresStore.js';
import { LISTENER_APPLICATION_NAME } from '../../src/storage/postgres/postgresNotifications.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';
import { testSealer } from '../support/testSealer.js';
import { describeStoreContract, type StoreUnderTest } from './storeContract.js';

const server = await startTestPostgres();

afterAll(async () => {
  await server?.stop();
});

async function query<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

/** a store on `url` that notes where each error it reports in the background came from */
async function storeNotingErrors(url: string): Promise<{ store: Store; errors: string[] }> {
  const errors: string[] = [];
  const store = await createPostgresStore({
    sealer: testSealer(),
    connectionString: url,
    onError: (_, context) => errors.push(context),
  });
  return { store, errors };
}

async function postgresStoreUnderTest(postgres: PostgresServer): Promise<StoreUnderTest> {
  const database = await postgres.createDatabase();
  const opened: Store[] = [
    await createPostgresStore({ sealer: testSealer(), connectionString: database.url, poolSize: 8 }),
  ];
  return {
    store: opened[0] as Store,
    async reopen() {
      const store = await createPostgresStore({ sealer: testSealer(), connectionString: database.url });
      opened.push(store);
      return store;
    },
    async tableNames() {
      const rows = await query<{ tablename: string }>(
        database.url,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
      );
      return rows.map((row) => row.tablename);
    },
    rows: (table) => query(database.url, `SELECT * FROM "${table}"`),
    async dispose() {
      await Promise.all(opened.map((store) => store.close()));
      await database.drop();
    },
  };
}

describeWith(server, POSTGRES_MISSING, 'PostgreSQL store', (server) => {
  describeStoreContract('PostgreSQL', () => postgresStoreUnderTest(server));

  describe('PostgreSQL store specifics', () => {
    test('instances starting at once on an empty database migrate it once', async () => {
      const database = await server.createDatabase();
      const stores = await Promise.all(
        [1, 2, 3, 4].map(() => createPostgresStore({ sealer: testSealer(), connectionString: database.url })),
      );
      try {
        const applied = await query<{ version: number }>(
          database.url,
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(applied.map((row) => row.version)).toEqual(applied.map((_, index) => index + 1));
        expect(applied.length).toBeGreaterThan(0);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await database.drop();
      }
    });

    test('a lockKey serializes transactions across instances', async () => {
      const database = await server.createDatabase();
      const [a, b] = await Promise.all(
        [1, 2].map(() => createPostgresStore({ sealer: testSealer(), connectionString: database.url })),
      );
      if (!a || !b) throw new Error('two stores expected');
      try {
        const conversation = await a.transaction(null, (uow) =>
          uow.conversations.create({ channel: 'sms', address: '+4790000100', locale: 'nb', now: new Date() }),
        );
        const increment = (store: Store) =>
          store.transaction('sms:+4790000100', async (uow) => {
            const count =
              ((await uow.conversations.get(conversation.id))?.snapshot as { count: number } | null)?.count ?? 0;
            await sleep(20);
            await uow.conversations.update(conversation.id, { snapshot: { count: count + 1 }, updatedAt: new Date() });
          });
        await Promise.all([a, b, a, b, a, b].map(increment));
        const stored = await b.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(stored?.snapshot).toEqual({ count: 6 });
      } finally {
        await Promise.all([a.close(), b.close()]);
        await database.drop();
      }
    });

    test("the writes at the end of a turn go as one statement, the person's message with them; a held write never outlives its rolled-back transaction", async () => {
      const database = await server.createDatabase();
      // one connection, so a write left over from one transaction would reach the next
      const store = await createPostgresStore({ sealer: testSealer(), connectionString: database.url, poolSize: 1 });
      const sent: string[] = [];
      const clientQuery = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [first] = args;
        sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
        return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof clientQuery;
      try {
        const now = new Date('2026-11-24T09:00:00Z');
        const conversation = await store.transaction(null, (uow) =>
          uow.conversations.create({ channel: 'sms', address: '+4790000101', locale: 'nb', now }),
        );
        sent.length = 0;
        await store.transaction('sms:+4790000101', async (uow) => {
          // the opening read takes the person's message's id, so the message waits for the others
          const opening = await uow.turnOpening.read({ channel: 'sms', address: '+4790000101' });
          expect(opening.transcriptId).toEqual(expect.any(Number));
          await uow.transcript.append({
            conversationId: conversation.id,
            direction: 'user',
            text: 'Hei',
            at: now,
            id: opening.transcriptId,
          });
          await uow.transcript.appendAll(conversation.id, [{ direction: 'bot', text: 'Hei! Jeg er en bot.' }], now);
          await uow.conversations.update(conversation.id, { snapshot: { step: 1 }, updatedAt: now });
          await uow.statistics.increment(now, [{ metric: 'turns', dimension: 'sms', value: 1 }]);
          await uow.processedInbound.record({
            channel: 'sms',
            externalId: 'SM-write-behind',
            conversationId: conversation.id,
            reply: '<Response/>',
            at: now,
          });
          // a second write to a table already held sends the first ones before it
          await uow.conversations.update(conversation.id, { locale: 'nn', updatedAt: now });
        });
        expect(sent).toHaveLength(5);
        expect(sent[0]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock\(-?\d+\)$/);
        expect(sent[1]).toMatch(/^select /);
        // two plain inserts may share a table; they only add rows
        expect(sent[2]).toMatch(
          /^with write_1 as \(insert into "transcript_messages".*write_2 as \(insert into "transcript_messages".*write_5 as \(insert into "processed_inbound"/,
        );
        expect(sent[3]).toMatch(/^update "conversations"/);
        expect(sent[4]).toBe('COMMIT');
        const after = await store.transaction(null, async (uow) => ({
          conversation: await uow.conversations.get(conversation.id),
          transcript: await uow.transcript.list(conversation.id),
          earlier: await uow.processedInbound.find('sms', 'SM-write-behind'),
          counters: await uow.statistics.listBetween(now, new Date(now.getTime() + 3_600_000)),
        }));
        expect(after.conversation).toMatchObject({ snapshot: { step: 1 }, locale: 'nn' });
        expect(after.transcript.map((message) => message.text)).toEqual(['Hei', 'Hei! Jeg er en bot.']);
        expect(after.earlier).toEqual({ reply: '<Response/>' });
        expect(after.counters).toEqual([{ hourStart: now, metric: 'turns', dimension: 'sms', value: 1 }]);

        await expect(
          store.transaction(null, async (uow) => {
            await uow.conversations.update(conversation.id, { snapshot: { step: 99 }, updatedAt: now });
            throw new Error('the turn failed');
          }),
        ).rejects.toThrow('the turn failed');
        // a write that fails when it is sent fails its transaction, with the writes held beside it
        await expect(
          store.transaction(null, async (uow) => {
            await uow.conversations.update(conversation.id, { snapshot: { step: 98 }, updatedAt: now });
            await uow.transcript.appendAll('missing', [{ direction: 'bot', text: 'x' }], now);
          }),
        ).rejects.toThrow();
        const untouched = await store.transaction(null, (uow) => uow.conversations.get(conversation.id));
        expect(untouched?.snapshot).toEqual({ step: 1 });
      } finally {
        pg.Client.prototype.query = clientQuery;
        await store.close();
        await database.drop();
      }
    });

    test('an event published by one instance reaches the subscribers of another', async () => {
      const database = await server.createDatabase();
      const [a, b] = await Promise.all(
        [1, 2].map(() => createPostgresStore({ sealer: testSealer(), connectionString: database.url })),
      );
      if (!a || !b) throw new Error('two stores expected');
      try {
        const payloads: string[] = [];
        // resolves once b's LISTEN is in place
        await b.subscribe('mentor.events', (payload) => payloads.push(payload));
        await a.publish('mentor.events', '{"handoverId":"h1"}');
        await expect.poll(() => payloads, { timeout: 5000 }).toEqual(['{"handoverId":"h1"}']);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await database.drop();
      }
    });

    test('the event listener reconnects after its connection is killed', async () => {
      const database = await server.createDatabase();
      const { store, errors } = await storeNotingErrors(database.url);
      try {
        const received: string[] = [];
        await store.subscribe('events', (payload) => received.push(payload));
        const killed = await query<{ pid: number }>(
          server.url,
          `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity WHERE application_name = '${LISTENER_APPLICATION_NAME}'
             AND datname = '${new URL(database.url).pathname.slice(1)}'`,
        );
        expect(killed).toHaveLength(1);
        const deadline = Date.now() + 10_000;
        while (received.length === 0 && Date.now() < deadline) {
          await store.publish('events', 'after reconnect');
          await sleep(100);
        }
        expect(received[0]).toBe('after reconnect');
        expect(errors).toContain('postgres event listener');
      } finally {
        await store.close();
        await database.drop();
      }
    });

    test('lost connections do not crash the process; a vanished database makes isHealthy false', async () => {
      const database = await server.createDatabase();
      const { store, errors } = await storeNotingErrors(database.url);
      try {
        // fill the pool with idle connections, then kill them all
        await Promise.all([1, 2, 3].map(() => store.transaction(null, () => sleep(20))));
        await query(
          server.url,
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${new URL(database.url).pathname.slice(1)}'`,
        );
        await expect.poll(() => errors, { timeout: 5000 }).toContain('postgres idle connection');
        // the pool may lend a killed connection whose error has not yet arrived once; then it reconnects
        await expect.poll(() => store.isHealthy(), { timeout: 5000 }).toBe(true);

        await database.drop();
        expect(await store.isHealthy()).toBe(false);
        await expect(store.transaction(null, (uow) => uow.optOuts.isOptedOut('sms', '+47'))).rejects.toThrow();
      } finally {
        await store.close();
      }
    });
  });
});
