import type { Channel } from '../../domain/domain.js';
import { preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredTime } from '../database/tables.js';
import type { ProcessedInboundRepo } from '../ports.js';

// both run on every turn: prepared (see preparedQuery.ts)
const findReply = preparedQuery((db, _dialect, values: { channel: Channel; externalId: string }) =>
  db
    .selectFrom('processed_inbound')
    .select('reply')
    .where('channel', '=', values.channel)
    .where('external_id', '=', values.externalId),
);

const recordReply = preparedQuery(
  (
    db,
    _dialect,
    values: { channel: Channel; externalId: string; conversationId: string; reply: string; at: StoredTime },
  ) =>
    // the first reply recorded for a delivery is the one a retry gets
    db
      .insertInto('processed_inbound')
      .values({
        channel: values.channel,
        external_id: values.externalId,
        conversation_id: values.conversationId,
        reply: values.reply,
        at: values.at,
      })
      .onConflict((conflict) => conflict.columns(['channel', 'external_id']).doNothing()),
);

export class SqlProcessedInboundRepo implements ProcessedInboundRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async find(channel: Channel, externalId: string): Promise<{ reply: string } | undefined> {
    const row = await findReply.takeFirst(this.db, this.dialect, { channel, externalId });
    return row && { reply: row.reply };
  }

  async record(input: {
    channel: Channel;
    externalId: string;
    conversationId: string;
    reply: string;
    at: Date;
  }): Promise<void> {
    await recordReply.executeLater(this.db, this.dialect, { ...input, at: this.dialect.time(input.at) });
  }
}
