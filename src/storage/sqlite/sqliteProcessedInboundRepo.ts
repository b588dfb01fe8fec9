import type { Channel } from '../../domain/domain.js';
import type { ProcessedInboundRepo } from '../ports.js';
import type { PreparedSql } from './sqliteValues.js';

export class SqliteProcessedInboundRepo implements ProcessedInboundRepo {
  constructor(private readonly sql: PreparedSql) {}

  async find(channel: Channel, externalId: string): Promise<{ reply: string } | undefined> {
    const row = this.sql('SELECT reply FROM processed_inbound WHERE channel = ? AND external_id = ?').get(
      channel,
      externalId,
    ) as { reply: string } | undefined;
    return row && { reply: row.reply };
  }

  async record(input: {
    channel: Channel;
    externalId: string;
    conversationId: string;
    reply: string;
    at: Date;
  }): Promise<void> {
    // the first reply recorded for a delivery is the one a retry gets
    this.sql(
      `INSERT INTO processed_inbound (channel, external_id, conversation_id, reply, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel, external_id) DO NOTHING`,
    ).run(input.channel, input.externalId, input.conversationId, input.reply, input.at.getTime());
  }
}
