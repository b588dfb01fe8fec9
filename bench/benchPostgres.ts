/**
 * A throwaway PostgreSQL for the bench, started the way the tests start theirs (initdb in a temp dir,
 * loopback only). The test server runs with fsync and synchronous commit off; the bench database turns
 * synchronous commit back on, so each turn waits for its WAL write as on a real server. fsync stays
 * off, which matches the embedded default (SQLite in WAL mode with synchronous=NORMAL does not fsync
 * each commit either); a PostgreSQL with fsync on a real disk adds that disk's flush time per commit.
 */
import pg from 'pg';
import { startPostgres } from '../test/support/postgresServer.js';

export interface BenchPostgres {
  /** a fresh database for one server under test */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** null when the PostgreSQL binaries are not installed */
export async function startBenchPostgres(): Promise<BenchPostgres | null> {
  const server = await startPostgres();
  if (!server) return null;
  return {
    async createDatabase() {
      const { url } = await server.createDatabase();
      const name = new URL(url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = on`);
      } finally {
        await admin.end();
      }
      return url;
    },
    stop: () => server.stop(),
  };
}
