import type { LoginAttemptRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresLoginAttemptRepo implements LoginAttemptRepo {
  constructor(private readonly db: Queryable) {}

  async add({ attemptId, keys, at }: { attemptId: string; keys: string[]; at: Date }): Promise<void> {
    await this.db.query('INSERT INTO login_attempts (attempt_id, key, at) SELECT $1, unnest($2::text[]), $3', [
      attemptId,
      keys,
      at,
    ]);
  }

  async timesSince(key: string, since: Date): Promise<Date[]> {
    const { rows } = await this.db.query<{ at: Date }>(
      'SELECT at FROM login_attempts WHERE key = $1 AND at > $2 ORDER BY at',
      [key, since],
    );
    return rows.map((row) => row.at);
  }

  async removeAttempt(attemptId: string): Promise<void> {
    await this.db.query('DELETE FROM login_attempts WHERE attempt_id = $1', [attemptId]);
  }

  async clearKey(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_attempts WHERE key = $1', [key]);
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM login_attempts WHERE at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}
