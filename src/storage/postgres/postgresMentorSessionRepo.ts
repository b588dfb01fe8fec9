import type { MentorSession, MentorSessionRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type MentorSessionRow = {
  token_hash: string;
  mentor_id: string;
  expires_at: Date;
  last_seen_at: Date;
};

function toSession(row: MentorSessionRow): MentorSession {
  return {
    tokenHash: row.token_hash,
    mentorId: row.mentor_id,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export class PostgresMentorSessionRepo implements MentorSessionRepo {
  constructor(private readonly db: Queryable) {}

  async create(session: MentorSession): Promise<void> {
    await this.db.query(
      'INSERT INTO mentor_sessions (token_hash, mentor_id, expires_at, last_seen_at) VALUES ($1, $2, $3, $4)',
      [session.tokenHash, session.mentorId, session.expiresAt, session.lastSeenAt],
    );
  }

  async get(tokenHash: string): Promise<MentorSession | undefined> {
    const { rows } = await this.db.query<MentorSessionRow>('SELECT * FROM mentor_sessions WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0] && toSession(rows[0]);
  }

  async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db.query('UPDATE mentor_sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
      tokenHash,
      lastSeenAt,
      expiresAt,
    ]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM mentor_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM mentor_sessions WHERE expires_at <= $1', [now]);
    return result.rowCount ?? 0;
  }

  async deleteByMentor(mentorId: string): Promise<number> {
    const result = await this.db.query('DELETE FROM mentor_sessions WHERE mentor_id = $1', [mentorId]);
    return result.rowCount ?? 0;
  }

  async listSeenSince(since: Date): Promise<MentorSession[]> {
    const { rows } = await this.db.query<MentorSessionRow>(
      'SELECT * FROM mentor_sessions WHERE last_seen_at >= $1 ORDER BY last_seen_at DESC',
      [since],
    );
    return rows.map(toSession);
  }
}
