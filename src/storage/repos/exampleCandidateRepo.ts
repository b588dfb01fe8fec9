import { isTopicIntent } from '../../domain/domain.js';
import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { ExampleCandidate, ExampleCandidateRepo } from '../ports.js';

/** A "Mener du …?" pick, kept for staff as a labelled example: the topic, the hour, maybe the masked text. */
export class SqlExampleCandidateRepo implements ExampleCandidateRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async add(candidate: ExampleCandidate): Promise<void> {
    await this.db
      .insertInto('example_candidates')
      .values({
        topic: candidate.topic,
        dialog_state: candidate.dialogState,
        hour: this.dialect.time(candidate.hour),
        masked_text: candidate.maskedText ?? null,
      })
      .execute();
  }

  async listBetween(from: Date, to: Date): Promise<ExampleCandidate[]> {
    const rows = await this.db
      .selectFrom('example_candidates')
      .select(['topic', 'dialog_state', 'hour', 'masked_text'])
      .where('hour', '>=', this.dialect.time(from))
      .where('hour', '<', this.dialect.time(to))
      .orderBy('hour')
      .orderBy('id')
      .execute();
    return rows.map((row) => {
      if (!isTopicIntent(row.topic)) throw new Error(`example_candidates holds an unknown topic: ${row.topic}`);
      const candidate: ExampleCandidate = {
        topic: row.topic,
        dialogState: row.dialog_state,
        hour: this.dialect.toDate(row.hour),
      };
      return row.masked_text === null ? candidate : { ...candidate, maskedText: row.masked_text };
    });
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('example_candidates')
      .where('hour', '<', this.dialect.time(cutoff))
      .executeTakeFirst();
    return affectedRows(result);
  }
}
