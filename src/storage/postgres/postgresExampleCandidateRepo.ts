import type { ExampleCandidate, ExampleCandidateRepo } from '../ports.js';
import { candidateFromRow } from '../sqlite/sqliteExampleCandidateRepo.js';
import type { Queryable } from './postgresValues.js';

interface CandidateRow {
  topic: string;
  dialog_state: string;
  hour: Date;
  masked_text: string | null;
}

export class PostgresExampleCandidateRepo implements ExampleCandidateRepo {
  constructor(private readonly db: Queryable) {}

  async add(candidate: ExampleCandidate): Promise<void> {
    await this.db.query(
      'INSERT INTO example_candidates (topic, dialog_state, hour, masked_text) VALUES ($1, $2, $3, $4)',
      [candidate.topic, candidate.dialogState, candidate.hour, candidate.maskedText ?? null],
    );
  }

  async listBetween(from: Date, to: Date): Promise<ExampleCandidate[]> {
    const result = await this.db.query<CandidateRow>(
      'SELECT topic, dialog_state, hour, masked_text FROM example_candidates WHERE hour >= $1 AND hour < $2 ORDER BY hour, id',
      [from, to],
    );
    return result.rows.map((row) =>
      candidateFromRow({
        topic: row.topic,
        dialogState: row.dialog_state,
        hour: row.hour,
        maskedText: row.masked_text,
      }),
    );
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM example_candidates WHERE hour < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}
