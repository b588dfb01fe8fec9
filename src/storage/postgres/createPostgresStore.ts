/**
 * The shared store for several instances: PostgreSQL through a `pg` pool. Turns of one conversation
 * are serialized across instances by a transaction-scoped advisory lock on the lockKey.
 */
import { createHash } from 'node:crypto';
import pg, { type PoolClient } from 'pg';
import type { Store, UnitOfWork } from '../ports.js';
import { createUnitOfWork } from '../repos/createUnitOfWork.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { ignoreStoreError, type StoreErrorHandler } from '../storeErrorHandler.js';
import { applyPostgresMigrations } from './applyPostgresMigrations.js';
import { createPostgresDb, postgresDialect } from './postgresDialect.js';
import { PostgresNotifications } from './postgresNotifications.js';
import { withPoolClient } from './withPoolClient.js';
import type { WriteBehind } from './writeBehind.js';

export interface PostgresStoreOptions {
  connectionString: string;
  /** connections in the pool (default 10) */
  poolSize?: number;
  onError?: StoreErrorHandler;
  /** seals numbers at rest; every instance on the database must have the same key */
  sealer: AddressSealer;
}

/** a webhook must fail fast (503, so Twilio retries) when the database cannot be reached */
const CONNECT_TIMEOUT_MS = 5000;
/** below Twilio's 15 s webhook timeout, so a hung query ends in a 503 that Twilio can retry */
const QUERY_TIMEOUT_MS = 10_000;
const HEALTH_CHECK_TIMEOUT_MS = 2000;

export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const onError = options.onError ?? ignoreStoreError;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // a network that drops packets silently must not hold a webhook past Twilio's 15 s
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
  });
  // an idle connection that drops emits 'error' on the pool; unheard, it would crash the process
  pool.on('error', (error) => onError(error, 'postgres idle connection'));
  try {
    await applyPostgresMigrations(pool, options.sealer);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool, options.sealer, new PostgresNotifications(options.connectionString, onError));
}

/**
 * The advisory lock's 64-bit key for a lock key, hashed here so that it can be written into the SQL
 * as a number (a simple query may hold two statements, but no parameters) and no address ever
 * appears in the statement text the server shows (pg_stat_activity) or logs.
 */
export function advisoryLockId(lockKey: string): bigint {
  return createHash('sha256').update(lockKey).digest().readBigInt64BE(0);
}

/** a pooled client's repositories, and the writes they hold back until the next query or COMMIT */
interface ClientUnitOfWork {
  uow: UnitOfWork;
  writes: WriteBehind;
}

function createPostgresUnitOfWork(client: PoolClient, sealer: AddressSealer): ClientUnitOfWork {
  const { db, writes } = createPostgresDb(client);
  return { uow: createUnitOfWork(db, postgresDialect, sealer), writes };
}

class PostgresStore implements Store {
  private closed = false;
  /** the repositories on each pooled client, made the first time the pool lends it */
  private readonly unitsOfWork = new WeakMap<PoolClient, ClientUnitOfWork>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly sealer: AddressSealer,
    private readonly notifications: PostgresNotifications,
  ) {}

  transaction<T>(lockKey: string | null, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return withPoolClient(this.pool, async (client, discard) => {
      const { uow, writes } = this.unitOfWorkOn(client);
      // one round trip: the lock is held until COMMIT or ROLLBACK, and the same key waits here, in any
      // instance. It stays a statement of its own, before the reads, so that they see what the
      // previous holder committed.
      try {
        await client.query(
          lockKey === null ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${advisoryLockId(lockKey)})`,
        );
        const result = await work(uow);
        await writes.flush();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        writes.discard();
        await client.query('ROLLBACK').catch(discard);
        throw error;
      }
    });
  }

  private unitOfWorkOn(client: PoolClient): ClientUnitOfWork {
    let made = this.unitsOfWork.get(client);
    if (!made) {
      made = createPostgresUnitOfWork(client, this.sealer);
      this.unitsOfWork.set(client, made);
    }
    return made;
  }

  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('health check timed out')), HEALTH_CHECK_TIMEOUT_MS);
    });
    try {
      // a write, committed: a database that answers but cannot write (read-only, disk full) is not healthy
      await Promise.race([
        this.pool.query(
          'INSERT INTO health_checks (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
        ),
        timeout,
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async publish(channel: string, payload: string): Promise<void> {
    // NOTIFY payloads are limited to 8000 bytes: send ids, not documents
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    return this.notifications.subscribe(channel, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifications.close();
    await this.pool.end();
  }
}
