import type { MessageDirection, TranscriptMessage, TranscriptRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface TranscriptRow {
  id: number;
  conversation_id: string;
  direction: MessageDirection;
  text: string;
  at: number;
}

function toMessage(row: TranscriptRow): TranscriptMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    at: fromEpochMs(row.at),
  };
}

export class SqliteTranscriptRepo implements TranscriptRepo {
  constructor(private readonly sql: PreparedSql) {}

  async append(input: {
    conversationId: string;
    direction: MessageDirection;
    text: string;
    at: Date;
  }): Promise<number> {
    const result = this.sql(
      'INSERT INTO transcript_messages (conversation_id, direction, text, at) VALUES (?, ?, ?, ?)',
    ).run(input.conversationId, input.direction, input.text, input.at.getTime());
    return Number(result.lastInsertRowid);
  }

  async list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]> {
    const rows = this.sql('SELECT * FROM transcript_messages WHERE conversation_id = ? AND id >= ? ORDER BY id').all(
      conversationId,
      options?.sinceId ?? 0,
    ) as TranscriptRow[];
    return rows.map(toMessage);
  }
}
