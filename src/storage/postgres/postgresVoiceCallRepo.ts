import type { CallOutcome, FollowUpDecision, VoiceCallRecord, VoiceCallRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

interface VoiceCallRow {
  call_sid: string;
  started_at: Date;
  in_hours: boolean;
  outcome: CallOutcome;
  follow_up: FollowUpDecision | null;
}

const fromRow = (row: VoiceCallRow): VoiceCallRecord => ({
  callSid: row.call_sid,
  startedAt: row.started_at,
  inHours: row.in_hours,
  outcome: row.outcome,
  followUp: row.follow_up,
});

export class PostgresVoiceCallRepo implements VoiceCallRepo {
  constructor(private readonly db: Queryable) {}

  async record(input: Omit<VoiceCallRecord, 'followUp'>): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO voice_calls (call_sid, started_at, in_hours, outcome) VALUES ($1, $2, $3, $4)
       ON CONFLICT (call_sid) DO NOTHING`,
      [input.callSid, input.startedAt, input.inHours, input.outcome],
    );
    return result.rowCount === 1;
  }

  async get(callSid: string): Promise<VoiceCallRecord | undefined> {
    const { rows } = await this.db.query<VoiceCallRow>('SELECT * FROM voice_calls WHERE call_sid = $1', [callSid]);
    return rows[0] && fromRow(rows[0]);
  }

  async setOutcome(callSid: string, outcome: CallOutcome): Promise<void> {
    await this.db.query('UPDATE voice_calls SET outcome = $1 WHERE call_sid = $2', [outcome, callSid]);
  }

  async decideFollowUp(callSid: string, decision: FollowUpDecision): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE voice_calls SET follow_up = $1 WHERE call_sid = $2 AND follow_up IS NULL',
      [decision, callSid],
    );
    return result.rowCount === 1;
  }

  async listStartedBetween(from: Date, to: Date): Promise<VoiceCallRecord[]> {
    const { rows } = await this.db.query<VoiceCallRow>(
      'SELECT * FROM voice_calls WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, call_sid',
      [from, to],
    );
    return rows.map(fromRow);
  }

  async hasFollowUpOn(conversationId: string, osloDay: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'SELECT 1 FROM voice_follow_ups WHERE conversation_id = $1 AND oslo_day = $2',
      [conversationId, osloDay],
    );
    return rows.length > 0;
  }

  async recordFollowUp(input: { conversationId: string; osloDay: string; at: Date }): Promise<void> {
    await this.db.query(
      `INSERT INTO voice_follow_ups (conversation_id, oslo_day, sent_at) VALUES ($1, $2, $3)
       ON CONFLICT (conversation_id, oslo_day) DO NOTHING`,
      [input.conversationId, input.osloDay, input.at],
    );
  }
}
