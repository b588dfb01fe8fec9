import type { TwilioErasure, TwilioMessageRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type ErasureRow = {
  message_sid: string;
  media_sids: string[];
  attempts: number;
};

function toErasure(row: ErasureRow): TwilioErasure {
  return { messageSid: row.message_sid, mediaSids: row.media_sids, attempts: row.attempts };
}

export class PostgresTwilioMessageRepo implements TwilioMessageRepo {
  constructor(private readonly db: Queryable) {}

  async record(input: { conversationId: string; messageSid: string; mediaSids: string[]; at: Date }): Promise<void> {
    // only while the conversation exists (the select), else: erased while the message was on its way
    const inserted = await this.db.query(
      `INSERT INTO twilio_messages (message_sid, conversation_id, media_sids, at)
       SELECT $1, id, $3::jsonb, $4 FROM conversations WHERE id = $2
       ON CONFLICT (message_sid) DO NOTHING RETURNING 1`,
      [input.messageSid, input.conversationId, JSON.stringify(input.mediaSids), input.at],
    );
    if (inserted.rowCount === 1 || (await this.conversationOf(input.messageSid)) !== undefined) return;
    await this.scheduleErasure({ ...input, dueAt: input.at });
  }

  async conversationOf(messageSid: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM twilio_messages WHERE message_sid = $1',
      [messageSid],
    );
    return rows[0]?.conversation_id;
  }

  async scheduleErasure(input: { messageSid: string; mediaSids: string[]; dueAt: Date }): Promise<void> {
    await this.db.query(
      `INSERT INTO twilio_erasures (message_sid, media_sids, due_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (message_sid) DO UPDATE SET due_at = LEAST(twilio_erasures.due_at, excluded.due_at)`,
      [input.messageSid, JSON.stringify(input.mediaSids), input.dueAt],
    );
  }

  async claimDueErasures(now: Date, leaseUntil: Date, limit: number): Promise<TwilioErasure[]> {
    // SKIP LOCKED: instances polling at once lease disjoint jobs instead of waiting for each other
    const { rows } = await this.db.query<ErasureRow>(
      `UPDATE twilio_erasures SET claimed_until = $2 WHERE message_sid IN (
         SELECT message_sid FROM twilio_erasures
         WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
         ORDER BY due_at, message_sid LIMIT $3 FOR UPDATE SKIP LOCKED
       ) RETURNING message_sid, media_sids, attempts`,
      [now, leaseUntil, limit],
    );
    return rows.map(toErasure);
  }

  async completeErasure(messageSid: string): Promise<void> {
    await this.db.query('DELETE FROM twilio_erasures WHERE message_sid = $1', [messageSid]);
  }

  async retryErasure(messageSid: string, attempts: number, retryAt: Date): Promise<void> {
    await this.db.query(
      'UPDATE twilio_erasures SET attempts = $2, due_at = $3, claimed_until = NULL WHERE message_sid = $1',
      [messageSid, attempts, retryAt],
    );
  }
}
