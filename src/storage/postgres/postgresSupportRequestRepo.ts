import { randomUUID } from 'node:crypto';
import type { SupportRequestRecord, SupportRequestRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

interface SupportRequestRow {
  id: string;
  mentor_id: string;
  username: string;
  after_crisis: boolean;
  created_at: Date;
  seen_at: Date | null;
  seen_by: string | null;
}

const SELECT = `SELECT r.id, r.mentor_id, m.username, r.after_crisis, r.created_at, r.seen_at, r.seen_by
  FROM support_requests r JOIN mentors m ON m.id = r.mentor_id`;

function toRecord(row: SupportRequestRow): SupportRequestRecord {
  return {
    id: row.id,
    mentorId: row.mentor_id,
    mentorUsername: row.username,
    afterCrisis: row.after_crisis,
    createdAt: row.created_at,
    seenAt: row.seen_at,
    seenBy: row.seen_by,
  };
}

export class PostgresSupportRequestRepo implements SupportRequestRepo {
  constructor(private readonly db: Queryable) {}

  async create(input: { mentorId: string; afterCrisis: boolean; at: Date }): Promise<SupportRequestRecord> {
    const id = randomUUID();
    await this.db.query(
      'INSERT INTO support_requests (id, mentor_id, after_crisis, created_at) VALUES ($1, $2, $3, $4)',
      [id, input.mentorId, input.afterCrisis, input.at],
    );
    const { rows } = await this.db.query<SupportRequestRow>(`${SELECT} WHERE r.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new Error('The support request was not stored');
    return toRecord(row);
  }

  async list(options: { includeSeen: boolean }): Promise<SupportRequestRecord[]> {
    const where = options.includeSeen ? '' : ' WHERE r.seen_at IS NULL';
    const { rows } = await this.db.query<SupportRequestRow>(`${SELECT}${where} ORDER BY r.created_at DESC, r.id`);
    return rows.map(toRecord);
  }

  async markSeen(id: string, seenBy: string, at: Date): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE support_requests SET seen_at = $2, seen_by = $3 WHERE id = $1 AND seen_at IS NULL',
      [id, at, seenBy],
    );
    return result.rowCount === 1;
  }

  async deleteSeenBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM support_requests WHERE seen_at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}
