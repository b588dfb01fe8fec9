import type { Pool } from 'pg';
import { loadMigrations } from '../migrations/loadMigrations.js';
import { type AddressSealer, SEALING_MIGRATION_NAME } from '../sealing/addressSealer.js';
import { sealPostgresAddresses } from './sealPostgresAddresses.js';
import { withPoolClient } from './withPoolClient.js';

/** one lock for the whole database, so instances starting together migrate one after another */
const MIGRATION_LOCK_KEY = 'helpline.schema_migrations';

/** Applies the migrations this database lacks, each in its own transaction. */
export async function applyPostgresMigrations(pool: Pool, sealer: AddressSealer): Promise<void> {
  const migrations = await loadMigrations('postgres');
  await withPoolClient(pool, async (client, discard) => {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          if (migration.name === SEALING_MIGRATION_NAME) await sealPostgresAddresses(client, sealer);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(discard);
          throw error;
        }
      }
    } finally {
      // closing the connection also frees a session lock, so a failed unlock just discards it
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK_KEY]).catch(discard);
    }
  });
}
