/**
 * The embedded store: one SQLite file (better-sqlite3, WAL). better-sqlite3 has one synchronous
 * connection, so every transaction runs alone, queued in this process, inside BEGIN IMMEDIATE (which
 * also takes SQLite's write lock against other processes); those queued together share one commit
 * (groupCommitQueue.ts). That makes any lockKey trivially held.
 */
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, UnitOfWork } from '../ports.js';
import { createUnitOfWork } from '../repos/createUnitOfWork.js';
import { AddressSealer } from '../sealing/addressSealer.js';
import { loadOrCreateKeyFile } from '../sealing/dataEncryptionKey.js';
import { ignoreStoreError, type StoreErrorHandler } from '../storeErrorHandler.js';
import { applySqliteMigrations } from './applySqliteMigrations.js';
import { GroupCommitQueue } from './groupCommitQueue.js';
import { createSqliteDb, sqliteDialect } from './sqliteDialect.js';

export const SQLITE_FILE_NAME = 'helpline.sqlite';

/** how long a write waits for another process's write lock before failing */
const BUSY_TIMEOUT_MS = 5000;
/** the health probe waits less (better-sqlite3 waits synchronously): a load balancer must hear "no" quickly */
const HEALTH_BUSY_TIMEOUT_MS = 100;
const HEALTH_CHECK_TIMEOUT_MS = 1000;

export type SqliteStoreOptions = ({ dataDir: string } | { file: string }) & {
  onError?: StoreErrorHandler;
  /** seals numbers at rest; default: the key file next to the database (made at first start) */
  sealer?: AddressSealer;
};

export async function createSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const file = 'file' in options ? options.file : join(options.dataDir, SQLITE_FILE_NAME);
  await mkdir(dirname(file), { recursive: true });
  const sealer = options.sealer ?? new AddressSealer(await loadOrCreateKeyFile(dirname(file)));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // with WAL, NORMAL loses nothing when the process dies; only an OS crash may lose the last commits
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // SLETT and retention must not leave a deleted message readable in the file's free pages
    db.pragma('secure_delete = ON');
    // each grouped turn's savepoint journals the pages it changes first: in memory, not written to a
    // temporary file (some ten page writes a turn, and copies of people's messages on disk)
    db.pragma('temp_store = MEMORY');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await applySqliteMigrations(db, sealer);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, sealer, options.onError ?? ignoreStoreError);
}

class SqliteStore implements Store {
  private readonly queue: GroupCommitQueue;
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly uow: UnitOfWork;

  constructor(
    private readonly db: Database.Database,
    sealer: AddressSealer,
    private readonly onError: StoreErrorHandler,
  ) {
    this.queue = new GroupCommitQueue(db);
    // one connection, so one set of repositories, made once
    this.uow = createUnitOfWork(createSqliteDb(db), sqliteDialect, sealer);
  }

  transaction<T>(_lockKey: string | null, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return this.queue.transaction(() => work(this.uow));
  }

  async isHealthy(): Promise<boolean> {
    // a committed heartbeat reaches the file (the WAL): a read-only or locked file answers false
    const probe = this.queue.alone(async () => {
      if (!this.db.open) return false;
      this.db.pragma(`busy_timeout = ${HEALTH_BUSY_TIMEOUT_MS}`);
      try {
        this.db.prepare('INSERT OR REPLACE INTO health_checks (id, at) VALUES (1, ?)').run(Date.now());
        return true;
      } catch {
        return false;
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    });
    // queued behind transactions that may each wait out the busy timeout: answer "no" in time
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([probe.catch(() => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async publish(channel: string, payload: string): Promise<void> {
    // delivered later, as PostgreSQL's NOTIFY is, so a publisher never runs its subscribers' code
    setImmediate(() => this.events.emit(channel, payload));
  }

  async subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    const deliver = (payload: string) => {
      try {
        listener(payload);
      } catch (error) {
        this.onError(error, 'store event subscriber');
      }
    };
    this.events.on(channel, deliver);
    return async () => {
      this.events.off(channel, deliver);
    };
  }

  close(): Promise<void> {
    // queued, so transactions already started finish first
    return this.queue.alone(async () => {
      this.events.removeAllListeners();
      if (this.db.open) this.db.close();
    });
  }
}
