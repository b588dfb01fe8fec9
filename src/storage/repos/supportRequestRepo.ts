import { randomUUID } from 'node:crypto';
import { affectedRows, type StorageDialect, toNullableDate } from '../database/storageDialect.js';
import type { StorageDb, SupportRequestsTable } from '../database/tables.js';
import type { SupportRequestRecord, SupportRequestRepo } from '../ports.js';

type SupportRequestRow = Omit<SupportRequestsTable, 'id'> & { id: string; username: string };

/** "I need to talk this through": a mentor's request for a coordinator, with nothing of the conversation. */
export class SqlSupportRequestRepo implements SupportRequestRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  private selectWithMentor() {
    return this.db
      .selectFrom('support_requests as r')
      .innerJoin('mentors as m', 'm.id', 'r.mentor_id')
      .select(['r.id', 'r.mentor_id', 'm.username', 'r.after_crisis', 'r.created_at', 'r.seen_at', 'r.seen_by']);
  }

  private toRecord(row: SupportRequestRow): SupportRequestRecord {
    return {
      id: row.id,
      mentorId: row.mentor_id,
      mentorUsername: row.username,
      afterCrisis: this.dialect.toBoolean(row.after_crisis),
      createdAt: this.dialect.toDate(row.created_at),
      seenAt: toNullableDate(this.dialect, row.seen_at),
      seenBy: row.seen_by,
    };
  }

  async create(input: { mentorId: string; afterCrisis: boolean; at: Date }): Promise<SupportRequestRecord> {
    const id = randomUUID();
    await this.db
      .insertInto('support_requests')
      .values({
        id,
        mentor_id: input.mentorId,
        after_crisis: this.dialect.bool(input.afterCrisis),
        created_at: this.dialect.time(input.at),
      })
      .execute();
    const row = await this.selectWithMentor()
      .where('r.id', '=', id)
      .executeTakeFirstOrThrow(() => new Error('The support request was not stored'));
    return this.toRecord(row);
  }

  async list(options: { includeSeen: boolean }): Promise<SupportRequestRecord[]> {
    const rows = await this.selectWithMentor()
      .$if(!options.includeSeen, (query) => query.where('r.seen_at', 'is', null))
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute();
    return rows.map((row) => this.toRecord(row));
  }

  async markSeen(id: string, seenBy: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('support_requests')
      .set({ seen_at: this.dialect.time(at), seen_by: seenBy })
      .where('id', '=', id)
      .where('seen_at', 'is', null)
      .executeTakeFirst();
    return affectedRows(result) === 1;
  }

  async deleteSeenBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('support_requests')
      .where('seen_at', '<', this.dialect.time(cutoff))
      .executeTakeFirst();
    return affectedRows(result);
  }
}
