import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitQueue } from '../../src/storage/sqlite/groupCommitQueue.js';

/** a real SQLite file, as the store opens it, and a second connection that sees only what is committed */
let db: Database.Database;
let reader: Database.Database;
let queue: GroupCommitQueue;

beforeEach(() => {
  const file = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'test.sqlite');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY)');
  db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY, parent INTEGER REFERENCES parents (id))');
  db.exec('INSERT INTO parents (id) VALUES (1)');
  reader = new Database(file, { readonly: true });
  queue = new GroupCommitQueue(db);
});

afterEach(() => {
  reader.close();
  db.close();
});

const insert = (name: string, parent = 1) =>
  db.prepare('INSERT INTO rows (name, parent) VALUES (?, ?)').run(name, parent);
const committedNames = () =>
  (reader.prepare('SELECT name FROM rows ORDER BY name').all() as Array<{ name: string }>).map((row) => row.name);
const failure = new Error('this transaction fails');

describe('the SQLite write queue that commits transactions in groups', () => {
  it('runs transactions queued together in one commit, in order, and answers each only after it', async () => {
    const order: string[] = [];
    const seenUncommitted: string[][] = [];
    const answered: string[] = [];
    const transactions = ['a', 'b', 'c'].map((name) =>
      queue
        .transaction(async () => {
          order.push(name);
          insert(name);
          // what another connection sees while the group runs: none of the group's writes
          seenUncommitted.push(committedNames());
          return name;
        })
        .then((result) => {
          answered.push(result);
          return result;
        }),
    );
    await expect(Promise.all(transactions)).resolves.toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(seenUncommitted).toEqual([[], [], []]);
    expect(committedNames()).toEqual(['a', 'b', 'c']);
    expect(answered).toEqual(['a', 'b', 'c']);
  });

  it('keeps none of a failed transaction and all of the others in its group', async () => {
    const results = await Promise.allSettled([
      queue.transaction(async () => insert('a')),
      queue.transaction(async () => {
        insert('b');
        throw failure;
      }),
      queue.transaction(async () => insert('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: failure });
    expect(committedNames()).toEqual(['a', 'c']);
    expect(db.inTransaction).toBe(false);
  });

  it('keeps none of a failed first transaction and commits the ones after it', async () => {
    const results = await Promise.allSettled([
      queue.transaction(async () => {
        insert('a');
        throw failure;
      }),
      queue.transaction(async () => insert('b')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
    expect(committedNames()).toEqual(['b']);
  });

  it('fails every transaction of the group, and keeps nothing, when the COMMIT fails', async () => {
    // a foreign key checked only at COMMIT makes the COMMIT itself fail
    const results = await Promise.allSettled([
      queue.transaction(async () => insert('a')),
      queue.transaction(async () => {
        db.pragma('defer_foreign_keys = ON');
        insert('orphan', 99);
      }),
      queue.transaction(async () => insert('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNames()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // and the queue goes on
    await queue.transaction(async () => insert('d'));
    expect(committedNames()).toEqual(['d']);
  });

  it('fails the group when SQLite ends the transaction itself, and goes on after it', async () => {
    const results = await Promise.allSettled([
      queue.transaction(async () => insert('a')),
      queue.transaction(async () => {
        // what SQLite does on some errors (a full disk): the whole transaction is rolled back
        db.exec('ROLLBACK');
        throw failure;
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(committedNames()).toEqual([]);
    await queue.transaction(async () => insert('b'));
    expect(committedNames()).toEqual(['b']);
  });

  it('runs a task queued alone outside any transaction, after those queued before it', async () => {
    const seen: Array<{ inTransaction: boolean; committed: string[] }> = [];
    const first = queue.transaction(async () => insert('a'));
    const alone = queue.alone(async () => {
      seen.push({ inTransaction: db.inTransaction, committed: committedNames() });
    });
    const last = queue.transaction(async () => insert('b'));
    await Promise.all([first, alone, last]);
    expect(seen).toEqual([{ inTransaction: false, committed: ['a'] }]);
    expect(committedNames()).toEqual(['a', 'b']);
  });

  it('groups at most sixteen transactions, so the first is not kept waiting for long', async () => {
    const uncommittedCounts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        queue.transaction(async () => {
          insert(`row${String(index).padStart(2, '0')}`);
          uncommittedCounts.push(committedNames().length);
        }),
      ),
    );
    // the 17th transaction runs in a new group and sees the first sixteen committed
    expect(uncommittedCounts.slice(0, 16)).toEqual(Array(16).fill(0));
    expect(uncommittedCounts.slice(16)).toEqual([16, 16, 16, 16]);
    expect(committedNames()).toHaveLength(20);
  });
});
