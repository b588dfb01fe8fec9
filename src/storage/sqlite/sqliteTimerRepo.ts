import { randomUUID } from 'node:crypto';
import type { TimerRecord, TimerRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface TimerRow {
  id: string;
  kind: string;
  conversation_id: string | null;
  due_at: number;
  payload: string;
}

function toTimer(row: TimerRow): TimerRecord {
  return {
    id: row.id,
    kind: row.kind,
    conversationId: row.conversation_id,
    dueAt: fromEpochMs(row.due_at),
    payload: JSON.parse(row.payload),
  };
}

export class SqliteTimerRepo implements TimerRepo {
  constructor(private readonly sql: PreparedSql) {}

  async schedule(input: Omit<TimerRecord, 'id'>): Promise<TimerRecord> {
    const timer: TimerRecord = {
      ...input,
      id: randomUUID(),
      dueAt: new Date(input.dueAt),
      payload: input.payload ?? null,
    };
    this.sql('INSERT INTO timers (id, kind, conversation_id, due_at, payload) VALUES (?, ?, ?, ?, ?)').run(
      timer.id,
      timer.kind,
      timer.conversationId,
      timer.dueAt.getTime(),
      JSON.stringify(timer.payload),
    );
    return timer;
  }

  async claimDue(now: Date, limit: number): Promise<TimerRecord[]> {
    // every transaction holds SQLite's write lock (BEGIN IMMEDIATE), so no other process sees these rows
    const rows = this.sql(
      `DELETE FROM timers WHERE id IN (SELECT id FROM timers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?)
       RETURNING *`,
    ).all(now.getTime(), limit) as TimerRow[];
    return rows.map(toTimer).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async cancel(conversationId: string, kind?: string): Promise<number> {
    if (kind === undefined) return this.sql('DELETE FROM timers WHERE conversation_id = ?').run(conversationId).changes;
    return this.sql('DELETE FROM timers WHERE conversation_id = ? AND kind = ?').run(conversationId, kind).changes;
  }
}
