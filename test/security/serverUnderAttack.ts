/**
 * The real server in its own process (so that a crash is seen, not hidden in the test's process),
 * with its own DATA_DIR and TMPDIR, and probes of what the attacks may have left behind: is it
 * alive and serving, how much memory does it hold, what is in its temp folder and its database.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../src/storage/sqlite/createSqliteStore.js';
import { type ServerProcess, startServerProcess } from '../multiInstance/serverProcess.js';

export interface ServerUnderAttack extends ServerProcess {
  dataDir: string;
  tempDir: string;
  /** resident memory of the server process, in MB */
  rssMb(): Promise<number>;
  /** files the server wrote to its temp folder (tsx's cache aside) */
  tempFiles(): string[];
  /** rows in one table of its SQLite database */
  countRows(table: string): number;
  /** the process is running and /healthz answers 200 */
  isServing(): Promise<boolean>;
}

export async function startServerUnderAttack(env: Record<string, string> = {}): Promise<ServerUnderAttack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpline-attack-data-'));
  const tempDir = mkdtempSync(join(tmpdir(), 'helpline-attack-tmp-'));
  const server = await startServerProcess({ DATA_DIR: dataDir, TMPDIR: tempDir, OPENING_HOURS: 'always', ...env });
  return {
    ...server,
    dataDir,
    tempDir,
    async rssMb() {
      const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return kb / 1024;
    },
    // tsx keeps its compile cache there; anything else was written by the server
    tempFiles: () => readdirSync(tempDir).filter((name) => !/^tsx-\d+$/.test(name)),
    countRows(table) {
      const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get() as { count: number };
        return row.count;
      } finally {
        db.close();
      }
    },
    async isServing() {
      try {
        process.kill(server.pid, 0);
      } catch {
        return false;
      }
      const response = await fetch(`${server.baseUrl}/healthz`).catch(() => undefined);
      return response?.status === 200;
    },
  };
}
