import type { MentorSession, MentorSessionRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface MentorSessionRow {
  token_hash: string;
  mentor_id: string;
  expires_at: number;
  last_seen_at: number;
}

function toSession(row: MentorSessionRow): MentorSession {
  return {
    tokenHash: row.token_hash,
    mentorId: row.mentor_id,
    expiresAt: fromEpochMs(row.expires_at),
    lastSeenAt: fromEpochMs(row.last_seen_at),
  };
}

export class SqliteMentorSessionRepo implements MentorSessionRepo {
  constructor(private readonly sql: PreparedSql) {}

  async create(session: MentorSession): Promise<void> {
    this.sql('INSERT INTO mentor_sessions (token_hash, mentor_id, expires_at, last_seen_at) VALUES (?, ?, ?, ?)').run(
      session.tokenHash,
      session.mentorId,
      session.expiresAt.getTime(),
      session.lastSeenAt.getTime(),
    );
  }

  async get(tokenHash: string): Promise<MentorSession | undefined> {
    const row = this.sql('SELECT * FROM mentor_sessions WHERE token_hash = ?').get(tokenHash) as
      | MentorSessionRow
      | undefined;
    return row && toSession(row);
  }

  async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    this.sql('UPDATE mentor_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(
      lastSeenAt.getTime(),
      expiresAt.getTime(),
      tokenHash,
    );
  }

  async delete(tokenHash: string): Promise<void> {
    this.sql('DELETE FROM mentor_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteExpired(now: Date): Promise<number> {
    return this.sql('DELETE FROM mentor_sessions WHERE expires_at <= ?').run(now.getTime()).changes;
  }

  async deleteByMentor(mentorId: string): Promise<number> {
    return this.sql('DELETE FROM mentor_sessions WHERE mentor_id = ?').run(mentorId).changes;
  }

  async listSeenSince(since: Date): Promise<MentorSession[]> {
    const rows = this.sql('SELECT * FROM mentor_sessions WHERE last_seen_at >= ? ORDER BY last_seen_at DESC').all(
      since.getTime(),
    ) as MentorSessionRow[];
    return rows.map(toSession);
  }
}
