import type { CallOutcome, FollowUpDecision, VoiceCallRecord, VoiceCallRepo } from '../ports.js';
import type { PreparedSql } from './sqliteValues.js';

interface VoiceCallRow {
  call_sid: string;
  started_at: number;
  in_hours: number;
  outcome: CallOutcome;
  follow_up: FollowUpDecision | null;
}

const fromRow = (row: VoiceCallRow): VoiceCallRecord => ({
  callSid: row.call_sid,
  startedAt: new Date(row.started_at),
  inHours: row.in_hours === 1,
  outcome: row.outcome,
  followUp: row.follow_up,
});

export class SqliteVoiceCallRepo implements VoiceCallRepo {
  constructor(private readonly sql: PreparedSql) {}

  async record(input: Omit<VoiceCallRecord, 'followUp'>): Promise<boolean> {
    const result = this.sql(
      `INSERT INTO voice_calls (call_sid, started_at, in_hours, outcome) VALUES (?, ?, ?, ?)
       ON CONFLICT (call_sid) DO NOTHING`,
    ).run(input.callSid, input.startedAt.getTime(), input.inHours ? 1 : 0, input.outcome);
    return result.changes === 1;
  }

  async get(callSid: string): Promise<VoiceCallRecord | undefined> {
    const row = this.sql('SELECT * FROM voice_calls WHERE call_sid = ?').get(callSid) as VoiceCallRow | undefined;
    return row && fromRow(row);
  }

  async setOutcome(callSid: string, outcome: CallOutcome): Promise<void> {
    this.sql('UPDATE voice_calls SET outcome = ? WHERE call_sid = ?').run(outcome, callSid);
  }

  async decideFollowUp(callSid: string, decision: FollowUpDecision): Promise<boolean> {
    const result = this.sql('UPDATE voice_calls SET follow_up = ? WHERE call_sid = ? AND follow_up IS NULL').run(
      decision,
      callSid,
    );
    return result.changes === 1;
  }

  async listStartedBetween(from: Date, to: Date): Promise<VoiceCallRecord[]> {
    const rows = this.sql(
      'SELECT * FROM voice_calls WHERE started_at >= ? AND started_at < ? ORDER BY started_at, call_sid',
    ).all(from.getTime(), to.getTime()) as VoiceCallRow[];
    return rows.map(fromRow);
  }

  async hasFollowUpOn(conversationId: string, osloDay: string): Promise<boolean> {
    return (
      this.sql('SELECT 1 FROM voice_follow_ups WHERE conversation_id = ? AND oslo_day = ?').get(
        conversationId,
        osloDay,
      ) !== undefined
    );
  }

  async recordFollowUp(input: { conversationId: string; osloDay: string; at: Date }): Promise<void> {
    this.sql(
      `INSERT INTO voice_follow_ups (conversation_id, oslo_day, sent_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id, oslo_day) DO NOTHING`,
    ).run(input.conversationId, input.osloDay, input.at.getTime());
  }
}
