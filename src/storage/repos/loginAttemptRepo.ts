import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { LoginAttemptRepo } from '../ports.js';

/** Failed logins by key (the account name, the client address), for the login throttle. */
export class SqlLoginAttemptRepo implements LoginAttemptRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async add({ attemptId, keys, at }: { attemptId: string; keys: string[]; at: Date }): Promise<void> {
    if (keys.length === 0) return;
    const time = this.dialect.time(at);
    // one statement for all the keys of one attempt
    await this.db
      .insertInto('login_attempts')
      .values(keys.map((key) => ({ attempt_id: attemptId, key, at: time })))
      .execute();
  }

  async timesSince(key: string, since: Date): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select('at')
      .where('key', '=', key)
      .where('at', '>', this.dialect.time(since))
      .orderBy('at')
      .execute();
    return rows.map((row) => this.dialect.toDate(row.at));
  }

  async removeAttempt(attemptId: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('attempt_id', '=', attemptId).execute();
  }

  async clearKey(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('login_attempts')
      .where('at', '<', this.dialect.time(cutoff))
      .executeTakeFirst();
    return affectedRows(result);
  }
}
