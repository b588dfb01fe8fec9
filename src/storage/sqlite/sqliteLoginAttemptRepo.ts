import type { LoginAttemptRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

export class SqliteLoginAttemptRepo implements LoginAttemptRepo {
  constructor(private readonly sql: PreparedSql) {}

  async add({ attemptId, keys, at }: { attemptId: string; keys: string[]; at: Date }): Promise<void> {
    const insert = this.sql('INSERT INTO login_attempts (attempt_id, key, at) VALUES (?, ?, ?)');
    for (const key of keys) insert.run(attemptId, key, at.getTime());
  }

  async timesSince(key: string, since: Date): Promise<Date[]> {
    const rows = this.sql('SELECT at FROM login_attempts WHERE key = ? AND at > ? ORDER BY at').all(
      key,
      since.getTime(),
    ) as Array<{ at: number }>;
    return rows.map((row) => fromEpochMs(row.at));
  }

  async removeAttempt(attemptId: string): Promise<void> {
    this.sql('DELETE FROM login_attempts WHERE attempt_id = ?').run(attemptId);
  }

  async clearKey(key: string): Promise<void> {
    this.sql('DELETE FROM login_attempts WHERE key = ?').run(key);
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    return this.sql('DELETE FROM login_attempts WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
