import { sql } from 'kysely';
import type { Channel } from '../../domain/domain.js';
import { preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { TurnOpening, TurnOpeningRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { conversationFromRow, latestConversationOf } from './conversationRepo.js';
import { OPEN_HANDOVER_STATUSES } from './handoverRepo.js';

/**
 * One row whatever is found: the address's latest conversation (left-joined to a constant row, so
 * a new address still gives a row) with the dedupe reply, the opt-out and the open handover beside it
 * as scalar subqueries. Written so that SQLite and PostgreSQL both run it (no LATERAL). Without an
 * `externalId` (a web chat message without an id) the dedupe column is left out: another shape.
 * Where the dialect takes transcript ids in advance (PostgreSQL), the person's message's id too.
 */
const readOpening = preparedQuery(
  (db, dialect, values: { channel: Channel; addressHash: string; externalId?: string }) =>
    db
      .selectFrom(db.selectNoFrom(sql.lit(1).as('one')).as('start'))
      .leftJoin(latestConversationOf(db, values.channel, values.addressHash).as('latest'), (join) => join.onTrue())
      .selectAll('latest')
      .select((eb) => [
        eb
          .selectFrom('opt_outs')
          .select(sql.lit(1).as('found'))
          .where('opt_outs.channel', '=', values.channel)
          .where('opt_outs.address_hash', '=', values.addressHash)
          .as('opted_out'),
        // the handover HandoverRepo.findOpenByConversation finds
        eb
          .selectFrom('handovers')
          .select('handovers.id')
          .whereRef('handovers.conversation_id', '=', 'latest.id')
          .where(
            'handovers.status',
            'in',
            OPEN_HANDOVER_STATUSES.map((status) => sql.lit(status)),
          )
          .orderBy('handovers.waiting_since', 'desc')
          .limit(sql.lit(1))
          .as('open_handover_id'),
        ...(values.externalId === undefined
          ? []
          : [
              eb
                .selectFrom('processed_inbound')
                .select('processed_inbound.reply')
                .where('processed_inbound.channel', '=', values.channel)
                .where('processed_inbound.external_id', '=', values.externalId)
                .as('earlier_reply'),
            ]),
        ...(dialect.nextTranscriptId === null ? [] : [dialect.nextTranscriptId.as('transcript_id')]),
      ]),
);

export class SqlTurnOpeningRepo implements TurnOpeningRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async read(input: { channel: Channel; address: string; externalId?: string }): Promise<TurnOpening> {
    const row = await readOpening.takeFirst(this.db, this.dialect, {
      channel: input.channel,
      addressHash: this.sealer.lookupHash(input.address),
      externalId: input.externalId,
    });
    if (!row) throw new Error('the opening read returned no row');
    const earlierReply = 'earlier_reply' in row ? row.earlier_reply : null;
    // pg reads a bigint as text
    const transcriptId = 'transcript_id' in row ? Number(row.transcript_id) : undefined;
    const { opted_out, open_handover_id, ...conversationColumns } = row;
    return {
      ...(typeof earlierReply === 'string' ? { earlierReply } : {}),
      // found by the address's keyed hash, so it holds this address: no need to open the sealed copy
      ...(row.id === null
        ? {}
        : {
            conversation: conversationFromRow(
              conversationColumns as Parameters<typeof conversationFromRow>[0],
              this.dialect,
              this.sealer,
              input.address,
            ),
          }),
      optedOut: opted_out !== null,
      openHandoverId: open_handover_id === null ? null : String(open_handover_id),
      ...(transcriptId === undefined ? {} : { transcriptId }),
    };
  }
}
