import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { Store } from '../../src/storage/ports.js';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { describeStoreContract, type StoreUnderTest } from './storeContract.js';

const run = promisify(execFile);

async function sqliteStoreUnderTest(): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'helpline-sqlite-'));
  const file = join(dataDir, SQLITE_FILE_NAME);
  const opened: Store[] = [await createSqliteStore({ dataDir })];
  // a second connection, as an operator's sqlite3 shell would see the file
  const inspect = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  return {
    store: opened[0] as Store,
    async reopen() {
      const store = await createSqliteStore({ file });
      opened.push(store);
      return store;
    },
    async tableNames() {
      return inspect((db) =>
        (
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
            name: string;
          }[]
        ).map((row) => row.name),
      );
    },
    async rows(table) {
      return inspect((db) => db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]);
    },
    async dispose() {
      await Promise.all(opened.map((store) => store.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SQLite', sqliteStoreUnderTest);

describe('SQLite store specifics', () => {
  test('creates the data directory and one helpline.sqlite file in WAL mode with foreign keys on', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'helpline-sqlite-'));
    const dataDir = join(parent, 'nested', 'data');
    const store = await createSqliteStore({ dataDir });
    try {
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
      const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      // foreign keys are on in the store's own connection: an orphan transcript row is refused
      await expect(
        store.transaction(null, (uow) =>
          uow.transcript.append({ conversationId: 'nope', direction: 'user', text: 'x', at: new Date() }),
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
      await rm(parent, { recursive: true, force: true });
    }
  });

  test('a deleted conversation leaves none of its words in the file (secure_delete)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'helpline-sqlite-'));
    const words = 'ingen skal kunne lese dette etter SLETT 7f3a9c';
    const store = await createSqliteStore({ dataDir });
    try {
      const id = await store.transaction(null, async (uow) => {
        const conversation = await uow.conversations.create({
          channel: 'sms',
          address: '+4791234567',
          locale: 'nb',
          now: new Date(),
        });
        await uow.transcript.append({
          conversationId: conversation.id,
          direction: 'user',
          text: words,
          at: new Date(),
        });
        return conversation.id;
      });
      await store.transaction(null, (uow) => uow.conversations.delete(id));
    } finally {
      // closing the last connection checkpoints the WAL into the file
      await store.close();
    }
    const file = await readFile(join(dataDir, SQLITE_FILE_NAME));
    expect(file.includes(Buffer.from('7f3a9c'))).toBe(false);
    await rm(dataDir, { recursive: true, force: true });
  });

  test('two processes on one file: every increment under the write lock is kept', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'helpline-sqlite-'));
    const worker = new URL('./sqliteCounterWorker.ts', import.meta.url).pathname;
    try {
      const setup = await createSqliteStore({ dataDir });
      const conversationId = await setup.transaction(null, async (uow) => {
        const conversation = await uow.conversations.create({
          channel: 'cli',
          address: 'counter',
          locale: 'nb',
          now: new Date(),
        });
        await uow.conversations.update(conversation.id, { snapshot: { count: 0 }, updatedAt: new Date() });
        return conversation.id;
      });
      await setup.close();
      const increments = 40;
      await Promise.all(
        [1, 2].map(() =>
          run(process.execPath, ['--import', 'tsx', worker, dataDir, conversationId, String(increments)]),
        ),
      );
      const store = await createSqliteStore({ dataDir });
      const counted = await store.transaction(null, (uow) => uow.conversations.get(conversationId));
      await store.close();
      expect(counted?.snapshot).toEqual({ count: 2 * increments });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
