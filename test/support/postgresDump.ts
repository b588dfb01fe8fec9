/**
 * Plain-SQL dumps of a test database (pg_dump) and their restore into another one (psql), with the
 * client programs of the PostgreSQL the tests start.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findBinDir, POSTGRES_MISSING } from './postgresServer.js';

const run = promisify(execFile);

async function clientProgram(name: 'pg_dump' | 'psql'): Promise<string> {
  const binDir = await findBinDir();
  if (!binDir) throw new Error(POSTGRES_MISSING);
  return join(binDir, name);
}

/** the database as plain SQL, without owners or grants, so it restores into any database */
export async function dumpDatabase(url: string): Promise<string> {
  const { stdout } = await run(await clientProgram('pg_dump'), ['--no-owner', '--no-privileges', url], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** runs a plain-SQL dump into `url`, stopping at its first error */
export async function restoreDump(url: string, dumpFile: string): Promise<void> {
  await run(await clientProgram('psql'), ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-f', dumpFile, url]);
}
