import type { MessageDirection, TranscriptMessage, TranscriptRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type TranscriptRow = {
  /** bigint arrives as a string */
  id: string;
  conversation_id: string;
  direction: MessageDirection;
  text: string;
  at: Date;
  crisis: boolean;
};

function toMessage(row: TranscriptRow): TranscriptMessage {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    direction: row.direction,
    text: row.text,
    at: row.at,
    crisis: row.crisis,
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

  async markCrisis(messageId: number): Promise<void> {
    await this.db.query('UPDATE transcript_messages SET crisis = TRUE WHERE id = $1', [messageId]);
  }

  async list(conversationId: string, options?: { sinceId?: number }): Promise<TranscriptMessage[]> {
    const { rows } = await this.db.query<TranscriptRow>(
      'SELECT * FROM transcript_messages WHERE conversation_id = $1 AND id >= $2 ORDER BY id',
      [conversationId, options?.sinceId ?? 0],
    );
    return rows.map(toMessage);
  }
}
