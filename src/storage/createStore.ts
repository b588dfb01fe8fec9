/** Picks the store from the configuration: PostgreSQL when a database URL is set, else SQLite under dataDir. */
import type { Store } from './ports.js';
import { createPostgresStore } from './postgres/createPostgresStore.js';
import { AddressSealer } from './sealing/addressSealer.js';
import { loadOrCreateKeyFile } from './sealing/dataEncryptionKey.js';
import { createSqliteStore } from './sqlite/createSqliteStore.js';
import type { StoreErrorHandler } from './storeErrorHandler.js';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
  /** DATA_ENCRYPTION_KEY; unset: the key file in dataDir, made at first start */
  dataEncryptionKey?: Buffer;
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
    const sealer = new AddressSealer(config.dataEncryptionKey ?? (await loadOrCreateKeyFile(config.dataDir)));
    if (config.databaseUrl) {
      return await createPostgresStore({ connectionString: config.databaseUrl, onError: config.onError, sealer });
    }
    return await createSqliteStore({ dataDir: config.dataDir, onError: config.onError, sealer });
  } catch (error) {
    throw new StoreOpenError(error);
  }
}
