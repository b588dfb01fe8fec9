import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { AuditLogRepo, AuditRecord } from '../ports.js';

/** What mentors and coordinators did, and when (the audit log); never message text. */
export class SqlAuditLogRepo implements AuditLogRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async add(input: Omit<AuditRecord, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: this.dialect.time(input.at),
        actor: input.actor,
        action: input.action,
        target: input.target,
        handover_id: input.handoverId,
      })
      .execute();
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('at', '>=', this.dialect.time(from))
      .where('at', '<', this.dialect.time(to))
      .orderBy('at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: String(row.id),
      at: this.dialect.toDate(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      handoverId: row.handover_id,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('at', '<', this.dialect.time(cutoff)).executeTakeFirst();
    return affectedRows(result);
  }
}
