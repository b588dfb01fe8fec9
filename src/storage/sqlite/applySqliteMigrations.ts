import type Database from 'better-sqlite3';
import { loadMigrations } from '../migrations/loadMigrations.js';
import { type AddressSealer, SEALING_MIGRATION_NAME } from '../sealing/addressSealer.js';
import { sealSqliteAddresses } from './sealSqliteAddresses.js';

/** Applies the migrations this database lacks, each in its own transaction. */
export async function applySqliteMigrations(db: Database.Database, sealer: AddressSealer): Promise<void> {
  const migrations = await loadMigrations('sqlite');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const markApplied = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const apply = db.transaction(() => {
      // checked inside the write lock: another process may have applied it meanwhile
      if (isApplied.get(migration.version) !== undefined) return;
      db.exec(migration.sql);
      if (migration.name === SEALING_MIGRATION_NAME) sealSqliteAddresses(db, sealer);
      markApplied.run(migration.version, migration.name, Date.now());
    });
    apply.immediate();
  }
}
