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

export function createStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) return createPostgresStore({ connectionString: config.databaseUrl, onError: config.onError });
  return createSqliteStore({ dataDir: config.dataDir, onError: config.onError });
}
