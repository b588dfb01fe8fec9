/**
 * Where a test's data lives (a SQLite DATA_DIR or a PostgreSQL database) and how the test looks at it
 * from outside the server: every row of every table, as the database holds it, and the store ports.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/storage/ports.js';
import { createPostgresStore } from '../../src/storage/postgres/createPostgresStore.js';
import { AddressSealer } from '../../src/storage/sealing/addressSealer.js';
import { loadOrCreateKeyFile } from '../../src/storage/sealing/dataEncryptionKey.js';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import type { PostgresServer } from '../support/postgresServer.js';
import { tempDataDir } from '../support/testApp.js';
import { TEST_DATA_ENCRYPTION_KEY, testSealer } from '../support/testSealer.js';

export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export type StoreKind = StoreLocation['kind'];

export type TableRows = Record<string, Array<Record<string, unknown>>>;

/** A fresh, empty place of the given kind. */
export async function freshLocation(kind: StoreKind, postgres: PostgresServer | null): Promise<StoreLocation> {
  if (kind === 'sqlite') return { kind, dataDir: tempDataDir() };
  if (!postgres) throw new Error('PostgreSQL is not running');
  return { kind, url: (await postgres.createDatabase()).url };
}

/** The environment variables that point a server at it. */
export function storeEnv(location: StoreLocation): Record<string, string> {
  // a SQLite DATA_DIR holds its own key; servers and tests on one PostgreSQL database share this one
  return location.kind === 'sqlite'
    ? { DATA_DIR: location.dataDir }
    : { DATABASE_URL: location.url, DATA_ENCRYPTION_KEY: TEST_DATA_ENCRYPTION_KEY };
}

export function openStore(location: StoreLocation): Promise<Store> {
  return location.kind === 'sqlite'
    ? createSqliteStore({ dataDir: location.dataDir })
    : createPostgresStore({ connectionString: location.url, sealer: testSealer() });
}

/** how the store finds an address: its keyed hash (conversations.address_hash, opt_outs.address_hash) */
export async function addressHashIn(location: StoreLocation, address: string): Promise<string> {
  const sealer =
    location.kind === 'sqlite' ? new AddressSealer(await loadOrCreateKeyFile(location.dataDir)) : testSealer();
  return sealer.lookupHash(address);
}

/** Every row of every table, read straight from the database. */
export async function allRows(location: StoreLocation): Promise<TableRows> {
  if (location.kind === 'sqlite') {
    const db = new Database(join(location.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as Array<{ name: string }>;
      return Object.fromEntries(
        tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>]),
      );
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const result: TableRows = {};
    for (const { tablename } of tables) {
      result[tablename] = (await client.query<Record<string, unknown>>(`SELECT * FROM "${tablename}"`)).rows;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** "table: row" for every row, in any table, whose values contain one of the needles. */
export function rowsMentioning(tables: TableRows, needles: string[]): string[] {
  const found: string[] = [];
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows) {
      const text = JSON.stringify(row);
      if (needles.some((needle) => text.includes(needle))) found.push(`${table}: ${text}`);
    }
  }
  return found;
}
