import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { UnansweredSample, UnansweredSampleRepo } from '../ports.js';

/** Messages the bot did not understand, masked, by hour (KEEP_UNANSWERED_SAMPLES); no conversation id. */
export class SqlUnansweredSampleRepo implements UnansweredSampleRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async add(input: Omit<UnansweredSample, 'id'>): Promise<void> {
    await this.db
      .insertInto('unanswered_samples')
      .values({
        received_hour: this.dialect.time(input.receivedHour),
        locale: input.locale,
        dialog_state: input.dialogState,
        text: input.text,
      })
      .execute();
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<UnansweredSample[]> {
    const rows = await this.db
      .selectFrom('unanswered_samples')
      .selectAll()
      .where('received_hour', '>=', this.dialect.time(from))
      .where('received_hour', '<', this.dialect.time(to))
      .orderBy('received_hour', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: String(row.id),
      receivedHour: this.dialect.toDate(row.received_hour),
      locale: row.locale,
      dialogState: row.dialog_state,
      text: row.text,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('unanswered_samples')
      .where('received_hour', '<', this.dialect.time(cutoff))
      .executeTakeFirst();
    return affectedRows(result);
  }
}
