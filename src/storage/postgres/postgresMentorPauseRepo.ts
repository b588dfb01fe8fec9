import type { MentorPauseRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresMentorPauseRepo implements MentorPauseRepo {
  constructor(private readonly db: Queryable) {}

  async set(mentorId: string, until: Date, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO mentor_pauses (mentor_id, paused_until, started_at) VALUES ($1, $2, $3)
       ON CONFLICT (mentor_id) DO UPDATE SET paused_until = excluded.paused_until, started_at = excluded.started_at`,
      [mentorId, until, at],
    );
  }

  async clear(mentorId: string): Promise<void> {
    await this.db.query('DELETE FROM mentor_pauses WHERE mentor_id = $1', [mentorId]);
  }

  async pausedUntil(mentorId: string, now: Date): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ paused_until: Date }>(
      'SELECT paused_until FROM mentor_pauses WHERE mentor_id = $1 AND paused_until > $2',
      [mentorId, now],
    );
    return rows[0]?.paused_until;
  }

  async listPaused(now: Date): Promise<string[]> {
    const { rows } = await this.db.query<{ mentor_id: string }>(
      'SELECT mentor_id FROM mentor_pauses WHERE paused_until > $1 ORDER BY mentor_id',
      [now],
    );
    return rows.map((row) => row.mentor_id);
  }
}
