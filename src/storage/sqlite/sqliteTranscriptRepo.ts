import type { MessageDirection, TranscriptMessage, TranscriptRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface TranscriptRow {
  id: number;
  conversation_id: string;
  direction: MessageDirection;
  text: string;
  at: number;
  crisis: number;
}

function toMessage(row: TranscriptRow): TranscriptMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    at: fromEpochMs(row.at),
    crisis: row.crisis === 1,
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

  async markCrisis(messageId: number): Promise<void> {
    this.sql('UPDATE transcript_messages SET crisis = 1 WHERE id = ?').run(messageId);
  }

  async list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]> {
    const rows = this.sql('SELECT * FROM transcript_messages WHERE conversation_id = ? AND id >= ? ORDER BY id').all(
      conversationId,
      options?.sinceId ?? 0,
    ) as TranscriptRow[];
    return rows.map(toMessage);
  }
}
