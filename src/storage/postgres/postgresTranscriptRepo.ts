import type { MessageDirection, TranscriptMessage, TranscriptRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type TranscriptRow = {
  /** bigint arrives as a string */
  id: string;
  conversation_id: string;
  direction: MessageDirection;
  text: string;
  at: Date;
};

function toMessage(row: TranscriptRow): TranscriptMessage {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    at: row.at,
  };
}

export class PostgresTranscriptRepo implements TranscriptRepo {
  constructor(private readonly db: Queryable) {}

  async append(input: {
    conversationId: string;
    direction: MessageDirection;
    text: string;
    at: Date;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>(
      'INSERT INTO transcript_messages (conversation_id, direction, text, at) VALUES ($1, $2, $3, $4) RETURNING id',
      [input.conversationId, input.direction, input.text, input.at],
    );
    return Number(rows[0]?.id);
  }

  async list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]> {
    const { rows } = await this.db.query<TranscriptRow>(
      'SELECT * FROM transcript_messages WHERE conversation_id = $1 AND id >= $2 ORDER BY id',
      [conversationId, options?.sinceId ?? 0],
    );
    return rows.map(toMessage);
  }
}
