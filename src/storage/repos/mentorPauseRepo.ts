import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { MentorPauseRepo } from '../ports.js';

/** A mentor's pause after a hard conversation: no new people are offered until it ends. */
export class SqlMentorPauseRepo implements MentorPauseRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async set(mentorId: string, until: Date, at: Date): Promise<void> {
    await this.db
      .insertInto('mentor_pauses')
      .values({ mentor_id: mentorId, paused_until: this.dialect.time(until), started_at: this.dialect.time(at) })
      .onConflict((conflict) =>
        conflict.column('mentor_id').doUpdateSet((eb) => ({
          paused_until: eb.ref('excluded.paused_until'),
          started_at: eb.ref('excluded.started_at'),
        })),
      )
      .execute();
  }

  async clear(mentorId: string): Promise<void> {
    await this.db.deleteFrom('mentor_pauses').where('mentor_id', '=', mentorId).execute();
  }

  async pausedUntil(mentorId: string, now: Date): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('mentor_pauses')
      .select('paused_until')
      .where('mentor_id', '=', mentorId)
      .where('paused_until', '>', this.dialect.time(now))
      .executeTakeFirst();
    return row && this.dialect.toDate(row.paused_until);
  }

  async listPaused(now: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('mentor_pauses')
      .select('mentor_id')
      .where('paused_until', '>', this.dialect.time(now))
      .orderBy('mentor_id')
      .execute();
    return rows.map((row) => row.mentor_id);
  }
}
