import type { MentorPauseRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

export class SqliteMentorPauseRepo implements MentorPauseRepo {
  constructor(private readonly sql: PreparedSql) {}

  async set(mentorId: string, until: Date, at: Date): Promise<void> {
    this.sql(
      `INSERT INTO mentor_pauses (mentor_id, paused_until, started_at) VALUES (?, ?, ?)
       ON CONFLICT (mentor_id) DO UPDATE SET paused_until = excluded.paused_until, started_at = excluded.started_at`,
    ).run(mentorId, until.getTime(), at.getTime());
  }

  async clear(mentorId: string): Promise<void> {
    this.sql('DELETE FROM mentor_pauses WHERE mentor_id = ?').run(mentorId);
  }

  async pausedUntil(mentorId: string, now: Date): Promise<Date | undefined> {
    const row = this.sql('SELECT paused_until FROM mentor_pauses WHERE mentor_id = ? AND paused_until > ?').get(
      mentorId,
      now.getTime(),
    ) as { paused_until: number } | undefined;
    return row && fromEpochMs(row.paused_until);
  }

  async listPaused(now: Date): Promise<string[]> {
    const rows = this.sql('SELECT mentor_id FROM mentor_pauses WHERE paused_until > ? ORDER BY mentor_id').all(
      now.getTime(),
    ) as Array<{ mentor_id: string }>;
    return rows.map((row) => row.mentor_id);
  }
}
