import { randomUUID } from 'node:crypto';
import type { SupportRequestRecord, SupportRequestRepo } from '../ports.js';
import { fromEpochMs, fromNullableEpochMs, type PreparedSql } from './sqliteValues.js';

interface SupportRequestRow {
  id: string;
  mentor_id: string;
  username: string;
  after_crisis: number;
  created_at: number;
  seen_at: number | null;
  seen_by: string | null;
}

const SELECT = `SELECT r.id, r.mentor_id, m.username, r.after_crisis, r.created_at, r.seen_at, r.seen_by
  FROM support_requests r JOIN mentors m ON m.id = r.mentor_id`;

function toRecord(row: SupportRequestRow): SupportRequestRecord {
  return {
    id: row.id,
    mentorId: row.mentor_id,
    mentorUsername: row.username,
    afterCrisis: row.after_crisis === 1,
    createdAt: fromEpochMs(row.created_at),
    seenAt: fromNullableEpochMs(row.seen_at),
    seenBy: row.seen_by,
  };
}

export class SqliteSupportRequestRepo implements SupportRequestRepo {
  constructor(private readonly sql: PreparedSql) {}

  async create(input: { mentorId: string; afterCrisis: boolean; at: Date }): Promise<SupportRequestRecord> {
    const id = randomUUID();
    this.sql('INSERT INTO support_requests (id, mentor_id, after_crisis, created_at) VALUES (?, ?, ?, ?)').run(
      id,
      input.mentorId,
      input.afterCrisis ? 1 : 0,
      input.at.getTime(),
    );
    return toRecord(this.sql(`${SELECT} WHERE r.id = ?`).get(id) as SupportRequestRow);
  }

  async list(options: { includeSeen: boolean }): Promise<SupportRequestRecord[]> {
    const where = options.includeSeen ? '' : ' WHERE r.seen_at IS NULL';
    const rows = this.sql(`${SELECT}${where} ORDER BY r.created_at DESC, r.id`).all() as SupportRequestRow[];
    return rows.map(toRecord);
  }

  async markSeen(id: string, seenBy: string, at: Date): Promise<boolean> {
    return (
      this.sql('UPDATE support_requests SET seen_at = ?, seen_by = ? WHERE id = ? AND seen_at IS NULL').run(
        at.getTime(),
        seenBy,
        id,
      ).changes === 1
    );
  }

  async deleteSeenBefore(cutoff: Date): Promise<number> {
    return this.sql('DELETE FROM support_requests WHERE seen_at < ?').run(cutoff.getTime()).changes;
  }
}
