import { type OnConflictBuilder, sql } from 'kysely';
import { preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredTime, Tables } from '../database/tables.js';
import type { TwilioErasure, TwilioMessageRepo } from '../ports.js';

/** an erasure scheduled again keeps the earlier of its two due times */
function keepEarlierDueAt(conflict: OnConflictBuilder<Tables, 'twilio_erasures'>, dialect: StorageDialect) {
  return conflict.column('message_sid').doUpdateSet({
    due_at: dialect.least(
      sql<StoredTime>`${sql.ref('twilio_erasures.due_at')}`,
      sql<StoredTime>`${sql.ref('excluded.due_at')}`,
    ),
  });
}

type RecordValues = { messageSid: string; conversationId: string; mediaSids: string; at: StoredTime };

// every SMS turn: prepared (see preparedQuery.ts), the two written without reading a result, so that
// PostgreSQL can send them with the turn's other last writes (postgres/writeBehind.ts). The message is
// kept only while its conversation exists (the select) ...
const recordMessage = preparedQuery((db, dialect, values: RecordValues) =>
  db
    .insertInto('twilio_messages')
    .columns(['message_sid', 'conversation_id', 'media_sids', 'at'])
    .expression(
      db
        .selectFrom('conversations')
        .select((eb) => [
          eb.val(values.messageSid).as('message_sid'),
          'id',
          dialect.jsonFromText(values.mediaSids).as('media_sids'),
          eb.val(values.at).as('at'),
        ])
        .where('id', '=', values.conversationId),
    )
    .onConflict((conflict) => conflict.column('message_sid').doNothing()),
);

// ... else it was erased while the message was on its way, and the message is to be erased at Twilio
// (due at once). Both decide on what was there before either ran: the same snapshot on PostgreSQL, and
// on SQLite the first cannot change what the second asks, whether the conversation exists.
const eraseIfConversationGone = preparedQuery((db, dialect, values: RecordValues) =>
  db
    .insertInto('twilio_erasures')
    .columns(['message_sid', 'media_sids', 'due_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(values.messageSid).as('message_sid'),
          dialect.jsonFromText(values.mediaSids).as('media_sids'),
          eb.val(values.at).as('due_at'),
        ])
        .where((eb) =>
          eb.and([
            eb.not(eb.exists(eb.selectFrom('conversations').select('id').where('id', '=', values.conversationId))),
            eb.not(
              eb.exists(
                eb.selectFrom('twilio_messages').select('message_sid').where('message_sid', '=', values.messageSid),
              ),
            ),
          ]),
        ),
    )
    .onConflict((conflict) => keepEarlierDueAt(conflict, dialect)),
);

/**
 * The Twilio messages of each conversation (their sids and media sids), so SLETT and retention can
 * have Twilio delete them too; and the deletion jobs, leased by one instance at a time, retried with
 * backoff.
 */
export class SqlTwilioMessageRepo implements TwilioMessageRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async record(input: { conversationId: string; messageSid: string; mediaSids: string[]; at: Date }): Promise<void> {
    const values: RecordValues = {
      messageSid: input.messageSid,
      conversationId: input.conversationId,
      mediaSids: JSON.stringify(input.mediaSids),
      at: this.dialect.time(input.at),
    };
    await recordMessage.executeLater(this.db, this.dialect, values);
    await eraseIfConversationGone.executeLater(this.db, this.dialect, values);
  }

  async conversationOf(messageSid: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('twilio_messages')
      .select('conversation_id')
      .where('message_sid', '=', messageSid)
      .executeTakeFirst();
    return row?.conversation_id;
  }

  async scheduleErasure(input: { messageSid: string; mediaSids: string[]; dueAt: Date }): Promise<void> {
    await this.db
      .insertInto('twilio_erasures')
      .values({
        message_sid: input.messageSid,
        media_sids: this.dialect.json(input.mediaSids),
        due_at: this.dialect.time(input.dueAt),
      })
      .onConflict((conflict) => keepEarlierDueAt(conflict, this.dialect))
      .execute();
  }

  async claimDueErasures(now: Date, leaseUntil: Date, limit: number): Promise<TwilioErasure[]> {
    // SQLite: inside BEGIN IMMEDIATE no other process claims between the select and the update;
    // PostgreSQL: SKIP LOCKED, so instances polling at once lease disjoint jobs instead of waiting
    const due = this.db
      .selectFrom('twilio_erasures')
      .select('message_sid')
      .where('due_at', '<=', this.dialect.time(now))
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', this.dialect.time(now))]))
      .orderBy('due_at')
      .orderBy('message_sid')
      .limit(limit)
      .$if(this.dialect.skipsLockedRows, (query) => query.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('twilio_erasures')
      .set({ claimed_until: this.dialect.time(leaseUntil) })
      .where('message_sid', 'in', due)
      .returning(['message_sid', 'media_sids', 'attempts'])
      .execute();
    return rows.map((row) => ({
      messageSid: row.message_sid,
      mediaSids: this.dialect.fromJson(row.media_sids) as string[],
      attempts: row.attempts,
    }));
  }

  async completeErasure(messageSid: string): Promise<void> {
    await this.db.deleteFrom('twilio_erasures').where('message_sid', '=', messageSid).execute();
  }

  async retryErasure(messageSid: string, attempts: number, retryAt: Date): Promise<void> {
    await this.db
      .updateTable('twilio_erasures')
      .set({ attempts, due_at: this.dialect.time(retryAt), claimed_until: null })
      .where('message_sid', '=', messageSid)
      .execute();
  }
}
