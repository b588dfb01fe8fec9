import type { Selectable } from 'kysely';
import { numberedRows, preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredTime, TranscriptMessagesTable } from '../database/tables.js';
import type { MessageDirection, TranscriptMessage, TranscriptRepo } from '../ports.js';

// two or three times a turn: prepared (see preparedQuery.ts)
const appendMessage = preparedQuery(
  (db, _dialect, values: { conversationId: string; direction: MessageDirection; text: string; at: StoredTime }) =>
    db
      .insertInto('transcript_messages')
      .values({
        conversation_id: values.conversationId,
        direction: values.direction,
        text: values.text,
        at: values.at,
      })
      .returning('id'),
);

// the person's message with the id the turn's opening read took (PostgreSQL): nobody reads its result
const appendMessageWithId = preparedQuery(
  (
    db,
    _dialect,
    values: { id: number; conversationId: string; direction: MessageDirection; text: string; at: StoredTime },
  ) =>
    db.insertInto('transcript_messages').values({
      id: values.id,
      conversation_id: values.conversationId,
      direction: values.direction,
      text: values.text,
      at: values.at,
    }),
);

/** the multi-row insert's values by name: `conversationId`, `at`, then `direction0`, `text0`, `direction1` … */
type AppendAllValues = Record<string, StoredTime | string>;

// a turn's answers, one statement: prepared once per number of rows (the names given make the shape)
const appendMessages = preparedQuery((db, _dialect, values: AppendAllValues) => {
  const rows = numberedRows(values, 'text', (index) => ({
    conversation_id: values.conversationId as string,
    direction: values[`direction${index}`] as MessageDirection,
    text: values[`text${index}`] as string,
    at: values.at as StoredTime,
  }));
  return db.insertInto('transcript_messages').values(rows);
});

export class SqlTranscriptRepo implements TranscriptRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async append(input: {
    conversationId: string;
    direction: MessageDirection;
    text: string;
    at: Date;
    id?: number | undefined;
  }): Promise<number> {
    const { id, ...message } = input;
    if (id !== undefined) {
      await appendMessageWithId.executeLater(this.db, this.dialect, {
        ...message,
        id,
        at: this.dialect.time(input.at),
      });
      return id;
    }
    const row = await appendMessage.takeFirst(this.db, this.dialect, { ...message, at: this.dialect.time(input.at) });
    if (!row) throw new Error('the insert returned no id');
    return Number(row.id);
  }

  async appendAll(
    conversationId: string,
    messages: ReadonlyArray<{ direction: MessageDirection; text: string }>,
    at: Date,
  ): Promise<void> {
    if (messages.length === 0) return;
    const values: AppendAllValues = { conversationId, at: this.dialect.time(at) };
    for (const [index, message] of messages.entries()) {
      values[`direction${index}`] = message.direction;
      values[`text${index}`] = message.text;
    }
    await appendMessages.executeLater(this.db, this.dialect, values);
  }

  async markCrisis(messageId: number): Promise<void> {
    await this.db
      .updateTable('transcript_messages')
      .set({ crisis: this.dialect.bool(true) })
      .where('id', '=', messageId)
      .execute();
  }

  async markConcern(messageId: number): Promise<void> {
    await this.db
      .updateTable('transcript_messages')
      .set({ concern: this.dialect.bool(true) })
      .where('id', '=', messageId)
      .execute();
  }

  async list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]> {
    const rows = await this.db
      .selectFrom('transcript_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('id', '>=', options?.sinceId ?? 0)
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toMessage(row));
  }

  private toMessage(row: Selectable<TranscriptMessagesTable>): TranscriptMessage {
    return {
      id: Number(row.id),
      conversationId: row.conversation_id,
      direction: row.direction,
      text: row.text,
      at: this.dialect.toDate(row.at),
      crisis: this.dialect.toBoolean(row.crisis),
      // only when set: a read of rows from before the mark looks as it did
      ...(this.dialect.toBoolean(row.concern) ? { concern: true as const } : {}),
    };
  }
}
