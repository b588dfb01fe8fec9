import type { Channel } from '../../domain/domain.js';
import type { ProcessedInboundRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresProcessedInboundRepo implements ProcessedInboundRepo {
  constructor(private readonly db: Queryable) {}

  async find(channel: Channel, externalId: string): Promise<{ reply: string } | undefined> {
    const { rows } = await this.db.query<{ reply: string }>(
      'SELECT reply FROM processed_inbound WHERE channel = $1 AND external_id = $2',
      [channel, externalId],
    );
    return rows[0] && { reply: rows[0].reply };
  }

  async record(input: {
    channel: Channel;
    externalId: string;
    conversationId: string;
    reply: string;
    at: Date;
  }): Promise<void> {
    // the first reply recorded for a delivery is the one a retry gets
    await this.db.query(
      `INSERT INTO processed_inbound (channel, external_id, conversation_id, reply, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel, external_id) DO NOTHING`,
      [input.channel, input.externalId, input.conversationId, input.reply, input.at],
    );
  }
}
