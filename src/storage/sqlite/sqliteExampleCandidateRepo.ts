import { isTopicIntent } from '../../domain/domain.js';
import type { ExampleCandidate, ExampleCandidateRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface CandidateRow {
  topic: string;
  dialog_state: string;
  hour: number;
  masked_text: string | null;
}

export function candidateFromRow(row: { topic: string; dialogState: string; hour: Date; maskedText: string | null }) {
  if (!isTopicIntent(row.topic)) throw new Error(`example_candidates holds an unknown topic: ${row.topic}`);
  const candidate: ExampleCandidate = { topic: row.topic, dialogState: row.dialogState, hour: row.hour };
  return row.maskedText === null ? candidate : { ...candidate, maskedText: row.maskedText };
}

export class SqliteExampleCandidateRepo implements ExampleCandidateRepo {
  constructor(private readonly sql: PreparedSql) {}

  async add(candidate: ExampleCandidate): Promise<void> {
    this.sql('INSERT INTO example_candidates (topic, dialog_state, hour, masked_text) VALUES (?, ?, ?, ?)').run(
      candidate.topic,
      candidate.dialogState,
      candidate.hour.getTime(),
      candidate.maskedText ?? null,
    );
  }

  async listBetween(from: Date, to: Date): Promise<ExampleCandidate[]> {
    const rows = this.sql(
      'SELECT topic, dialog_state, hour, masked_text FROM example_candidates WHERE hour >= ? AND hour < ? ORDER BY hour, id',
    ).all(from.getTime(), to.getTime()) as CandidateRow[];
    return rows.map((row) =>
      candidateFromRow({
        topic: row.topic,
        dialogState: row.dialog_state,
        hour: fromEpochMs(row.hour),
        maskedText: row.masked_text,
      }),
    );
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    return this.sql('DELETE FROM example_candidates WHERE hour < ?').run(cutoff.getTime()).changes;
  }
}
