import type { Channel } from '../../domain/domain.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { ProcessedInboundRepo } from '../ports.js';

export class SqlProcessedInboundRepo implements ProcessedInboundRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async find(channel: Channel, externalId: string): Promise<{ reply: string } | undefined> {
    const row = await this.db
      .selectFrom('processed_inbound')
      .select('reply')
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
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
    await this.db
      .insertInto('processed_inbound')
      .values({
        channel: input.channel,
        external_id: input.externalId,
        conversation_id: input.conversationId,
        reply: input.reply,
        at: this.dialect.time(input.at),
      })
      .onConflict((conflict) => conflict.columns(['channel', 'external_id']).doNothing())
      .execute();
  }
}
