/**
 * A throwaway PostgreSQL server for tests: initdb in a temp dir (trust auth, loopback only) and
 * pg_ctl start on a free port, with its socket in the temp dir. Uses Debian's binaries; as root it
 * runs them as the `postgres` OS user, because initdb refuses to run as root.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestDatabase {
  url: string;
  /** drops it, closing any connection still open to it */
  drop(): Promise<void>;
}

export interface PostgresServer {
  /** the superuser's URL of the `postgres` database */
  url: string;
  /** a new, empty database on this server */
  createDatabase(): Promise<TestDatabase>;
  stop(): Promise<void>;
}

export const POSTGRES_MISSING =
  'PostgreSQL binaries (initdb, pg_ctl) not found: install Debian package postgresql to run the PostgreSQL tests';

/**
 * For test files: the server, or null (print POSTGRES_MISSING and skip) when the binaries are
 * missing. With CI=true a missing PostgreSQL is a failure, not a skip.
 */
export async function startTestPostgres(): Promise<PostgresServer | null> {
  const server = await startPostgres();
  if (!server && process.env.CI === 'true') throw new Error(`${POSTGRES_MISSING} (CI=true)`);
  return server;
}

/** null when the PostgreSQL binaries are not installed */
export async function startPostgres(): Promise<PostgresServer | null> {
  const binDir = await findBinDir();
  if (!binDir) return null;
  const runAs = await osUserForPostgres();
  const baseDir = await mkdtemp(join(tmpdir(), 'helpline-pg-'));
  const dataDir = join(baseDir, 'data');
  if (runAs) await chown(baseDir, runAs.uid, runAs.gid);
  const pgCommand = (program: string, args: string[]) => {
    const [file, fullArgs] = runAs
      ? ['runuser', ['-u', 'postgres', '--', join(binDir, program), ...args]]
      : [join(binDir, program), args];
    // cwd: the postgres user may not be allowed into the caller's directory
    return run(file, fullArgs, { cwd: baseDir });
  };
  const stopSync = () => {
    try {
      const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
      if (runAs)
        execFileSync('runuser', ['-u', 'postgres', '--', join(binDir, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(join(binDir, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
    rmSync(baseDir, { recursive: true, force: true });
  };

  try {
    await pgCommand('initdb', [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await startOnFreePort(pgCommand, baseDir, dataDir);
    // a test process that ends without stop() must not leave a server running
    process.once('exit', stopSync);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      createDatabase: () => createDatabase(url),
      async stop() {
        process.off('exit', stopSync);
        await pgCommand('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        await rm(baseDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopSync();
    throw error;
  }
}

async function startOnFreePort(
  pgCommand: (program: string, args: string[]) => Promise<unknown>,
  baseDir: string,
  dataDir: string,
): Promise<number> {
  let lastError: unknown;
  // another process may take the free port between the probe and the start: try a few
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freeLoopbackPort();
    const serverOptions = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-k ${baseDir}`,
      // a test database need not survive a crash; this makes it several times faster
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
    ].join(' ');
    try {
      await pgCommand('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        join(baseDir, 'server.log'),
        '-w',
        '-t',
        '30',
        '-o',
        serverOptions,
        'start',
      ]);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function createDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(serverUrl: string, use: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await use(admin);
  } finally {
    await admin.end();
  }
}

/** where the PostgreSQL programs are (initdb, pg_ctl, and the clients pg_dump and psql); null when not installed */
export async function findBinDir(): Promise<string | null> {
  const hasServerBinaries = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    if (hasServerBinaries(stdout.trim())) return stdout.trim();
  } catch {
    // no pg_config: look where Debian puts the server
  }
  const debianRoot = '/usr/lib/postgresql';
  if (!existsSync(debianRoot)) return null;
  const versions = (await readdir(debianRoot)).sort((a, b) => Number(b) - Number(a));
  const dir = versions.map((version) => join(debianRoot, version, 'bin')).find(hasServerBinaries);
  return dir ?? null;
}

async function osUserForPostgres(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    throw new Error(
      'running as root, and initdb refuses root: create the `postgres` OS user (Debian package postgresql does)',
    );
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
