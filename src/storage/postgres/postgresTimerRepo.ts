import { randomUUID } from 'node:crypto';
import type { TimerRecord, TimerRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type TimerRow = {
  id: string;
  kind: string;
  conversation_id: string | null;
  due_at: Date;
  payload: unknown;
};

function toTimer(row: TimerRow): TimerRecord {
  return { id: row.id, kind: row.kind, conversationId: row.conversation_id, dueAt: row.due_at, payload: row.payload };
}

export class PostgresTimerRepo implements TimerRepo {
  constructor(private readonly db: Queryable) {}

  async schedule(input: Omit<TimerRecord, 'id'>): Promise<TimerRecord> {
    const timer: TimerRecord = {
      ...input,
      id: randomUUID(),
      dueAt: new Date(input.dueAt),
      payload: input.payload ?? null,
    };
    await this.db.query(
      'INSERT INTO timers (id, kind, conversation_id, due_at, payload) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [timer.id, timer.kind, timer.conversationId, timer.dueAt, JSON.stringify(timer.payload)],
    );
    return timer;
  }

  async claimDue(now: Date, limit: number): Promise<TimerRecord[]> {
    // SKIP LOCKED: instances polling at once take disjoint rows instead of waiting for each other
    const { rows } = await this.db.query<TimerRow>(
      `DELETE FROM timers WHERE id IN (
         SELECT id FROM timers WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
       ) RETURNING *`,
      [now, limit],
    );
    return rows.map(toTimer).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async cancel(conversationId: string, kind?: string): Promise<number> {
    const result =
      kind === undefined
        ? await this.db.query('DELETE FROM timers WHERE conversation_id = $1', [conversationId])
        : await this.db.query('DELETE FROM timers WHERE conversation_id = $1 AND kind = $2', [conversationId, kind]);
    return result.rowCount ?? 0;
  }
}
