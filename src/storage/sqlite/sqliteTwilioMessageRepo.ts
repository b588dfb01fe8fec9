import type { TwilioErasure, TwilioMessageRepo } from '../ports.js';
import type { PreparedSql } from './sqliteValues.js';

interface ErasureRow {
  message_sid: string;
  media_sids: string;
  attempts: number;
}

function toErasure(row: ErasureRow): TwilioErasure {
  return { messageSid: row.message_sid, mediaSids: JSON.parse(row.media_sids) as string[], attempts: row.attempts };
}

export class SqliteTwilioMessageRepo implements TwilioMessageRepo {
  constructor(private readonly sql: PreparedSql) {}

  async record(input: { conversationId: string; messageSid: string; mediaSids: string[]; at: Date }): Promise<void> {
    // only while the conversation exists (the select), else: erased while the message was on its way
    const inserted = this.sql(
      `INSERT INTO twilio_messages (message_sid, conversation_id, media_sids, at)
       SELECT ?, id, ?, ? FROM conversations WHERE id = ?
       ON CONFLICT (message_sid) DO NOTHING`,
    ).run(input.messageSid, JSON.stringify(input.mediaSids), input.at.getTime(), input.conversationId);
    if (inserted.changes === 1 || (await this.conversationOf(input.messageSid)) !== undefined) return;
    await this.scheduleErasure({ ...input, dueAt: input.at });
  }

  async conversationOf(messageSid: string): Promise<string | undefined> {
    const row = this.sql('SELECT conversation_id FROM twilio_messages WHERE message_sid = ?').get(messageSid) as
      | { conversation_id: string }
      | undefined;
    return row?.conversation_id;
  }

  async scheduleErasure(input: { messageSid: string; mediaSids: string[]; dueAt: Date }): Promise<void> {
    this.sql(
      `INSERT INTO twilio_erasures (message_sid, media_sids, due_at) VALUES (?, ?, ?)
       ON CONFLICT (message_sid) DO UPDATE SET due_at = min(due_at, excluded.due_at)`,
    ).run(input.messageSid, JSON.stringify(input.mediaSids), input.dueAt.getTime());
  }

  async claimDueErasures(now: Date, leaseUntil: Date, limit: number): Promise<TwilioErasure[]> {
    // inside BEGIN IMMEDIATE: no other process claims between the select and the update
    const rows = this.sql(
      `UPDATE twilio_erasures SET claimed_until = ? WHERE message_sid IN (
         SELECT message_sid FROM twilio_erasures
         WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
         ORDER BY due_at, message_sid LIMIT ?
       ) RETURNING message_sid, media_sids, attempts`,
    ).all(leaseUntil.getTime(), now.getTime(), now.getTime(), limit) as ErasureRow[];
    return rows.map(toErasure);
  }

  async completeErasure(messageSid: string): Promise<void> {
    this.sql('DELETE FROM twilio_erasures WHERE message_sid = ?').run(messageSid);
  }

  async retryErasure(messageSid: string, attempts: number, retryAt: Date): Promise<void> {
    this.sql('UPDATE twilio_erasures SET attempts = ?, due_at = ?, claimed_until = NULL WHERE message_sid = ?').run(
      attempts,
      retryAt.getTime(),
      messageSid,
    );
  }
}
