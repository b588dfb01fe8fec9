import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, VoiceCallsTable } from '../database/tables.js';
import type { CallOutcome, FollowUpDecision, VoiceCallRecord, VoiceCallRepo } from '../ports.js';

type VoiceCallRow = Pick<VoiceCallsTable, 'call_sid' | 'started_at' | 'in_hours' | 'outcome' | 'follow_up'>;

/** Calls counted with no number: the CallSid, when, in or out of hours, how it ended, the follow-up. */
export class SqlVoiceCallRepo implements VoiceCallRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  private fromRow(row: VoiceCallRow): VoiceCallRecord {
    return {
      callSid: row.call_sid,
      startedAt: this.dialect.toDate(row.started_at),
      inHours: this.dialect.toBoolean(row.in_hours),
      outcome: row.outcome,
      followUp: row.follow_up,
    };
  }

  async record(input: Omit<VoiceCallRecord, 'followUp'>): Promise<boolean> {
    const result = await this.db
      .insertInto('voice_calls')
      .values({
        call_sid: input.callSid,
        started_at: this.dialect.time(input.startedAt),
        in_hours: this.dialect.bool(input.inHours),
        outcome: input.outcome,
      })
      .onConflict((conflict) => conflict.column('call_sid').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async get(callSid: string): Promise<VoiceCallRecord | undefined> {
    const row = await this.db.selectFrom('voice_calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
    return row && this.fromRow(row);
  }

  async setOutcome(callSid: string, outcome: CallOutcome): Promise<void> {
    await this.db.updateTable('voice_calls').set({ outcome }).where('call_sid', '=', callSid).execute();
  }

  async decideFollowUp(callSid: string, decision: FollowUpDecision): Promise<boolean> {
    const result = await this.db
      .updateTable('voice_calls')
      .set({ follow_up: decision })
      .where('call_sid', '=', callSid)
      .where('follow_up', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listStartedBetween(from: Date, to: Date): Promise<VoiceCallRecord[]> {
    const rows = await this.db
      .selectFrom('voice_calls')
      .selectAll()
      .where('started_at', '>=', this.dialect.time(from))
      .where('started_at', '<', this.dialect.time(to))
      .orderBy('started_at')
      .orderBy('call_sid')
      .execute();
    return rows.map((row) => this.fromRow(row));
  }

  async hasFollowUpOn(conversationId: string, osloDay: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('voice_follow_ups')
      .select((eb) => eb.lit(1).as('found'))
      .where('conversation_id', '=', conversationId)
      .where('oslo_day', '=', osloDay)
      .executeTakeFirst();
    return row !== undefined;
  }

  async recordFollowUp(input: { conversationId: string; osloDay: string; at: Date }): Promise<void> {
    await this.db
      .insertInto('voice_follow_ups')
      .values({ conversation_id: input.conversationId, oslo_day: input.osloDay, sent_at: this.dialect.time(input.at) })
      .onConflict((conflict) => conflict.columns(['conversation_id', 'oslo_day']).doNothing())
      .execute();
  }
}
