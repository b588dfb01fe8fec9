/** Picks the store from the configuration: PostgreSQL when a database URL is set, else SQLite under dataDir. */
import type { Store } from './ports.js';
import { createPostgresStore } from './postgres/createPostgresStore.js';
import { createSqliteStore } from './sqlite/createSqliteStore.js';
import type { StoreErrorHandler } from './storeErrorHandler.js';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
  onError?: StoreErrorHandler;
}

/** the store could not be opened (or migrated): the data directory or the database is the problem */
export class StoreOpenError extends Error {
  /** the underlying error's code (ENOTDIR, EACCES, SQLITE_READONLY, ECONNREFUSED, …), or its name */
  readonly reason: string;
  constructor(cause: unknown) {
    super('the store could not be opened', { cause });
    this.name = 'StoreOpenError';
    this.reason =
      cause instanceof Error && 'code' in cause && typeof cause.code === 'string'
        ? cause.code
        : cause instanceof Error
          ? cause.name
          : 'unknown';
  }
}

export async function createStore(config: StoreConfig): Promise<Store> {
  try {
    if (config.databaseUrl) {
      return await createPostgresStore({ connectionString: config.databaseUrl, onError: config.onError });
    }
    return await createSqliteStore({ dataDir: config.dataDir, onError: config.onError });
  } catch (error) {
    throw new StoreOpenError(error);
  }
}
