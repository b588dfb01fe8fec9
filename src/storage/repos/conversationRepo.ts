import { type Selectable, sql, type UpdateObject } from 'kysely';
import type { Channel, Locale } from '../../domain/domain.js';
import { preparedQuery } from '../database/preparedQuery.js';
import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { ConversationsTable, StorageDb, StoredTime, Tables } from '../database/tables.js';
import type { ConversationRecord, ConversationRepo, ConversationStatus } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { timeOrderedId } from './timeOrderedId.js';

// the queries of every turn are prepared (see preparedQuery.ts)
/** an address's latest conversation (the turn's opening read uses it too) */
export function latestConversationOf(db: StorageDb, channel: Channel, addressHash: string) {
  return (
    db
      .selectFrom('conversations')
      .selectAll()
      .where('channel', '=', channel)
      .where('address_hash', '=', addressHash)
      .orderBy('updated_at', 'desc')
      .orderBy('created_at', 'desc')
      // a literal, not a bound value: SQLite plans `limit 1` as a first-row read, `limit ?` not
      .limit(sql.lit(1))
  );
}

const findByAddressHash = preparedQuery((db, _dialect, values: { channel: Channel; addressHash: string }) =>
  latestConversationOf(db, values.channel, values.addressHash),
);

const findById = preparedQuery((db, _dialect, values: { id: string }) =>
  db.selectFrom('conversations').selectAll().where('id', '=', values.id),
);

const insertConversation = preparedQuery(
  (db, _dialect, values: Omit<Selectable<ConversationsTable>, 'snapshot' | 'reference'>) =>
    db.insertInto('conversations').values(values),
);

/** JSON columns as text (null: SQL NULL); a change left undefined is left as it is */
interface ConversationChanges {
  id: string;
  updatedAt: StoredTime;
  snapshot?: string | null;
  reference?: string | null;
  locale?: Locale;
  status?: ConversationStatus;
}
const updateConversation = preparedQuery((db, dialect, values: ConversationChanges) => {
  const set: UpdateObject<Tables, 'conversations'> = { updated_at: values.updatedAt };
  if (values.snapshot !== undefined) set.snapshot = dialect.jsonFromText(values.snapshot);
  if (values.reference !== undefined) set.reference = dialect.jsonFromText(values.reference);
  if (values.locale !== undefined) set.locale = values.locale;
  if (values.status !== undefined) set.status = values.status;
  return db.updateTable('conversations').set(set).where('id', '=', values.id);
});

export class SqlConversationRepo implements ConversationRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async findByAddress(channel: Channel, address: string): Promise<ConversationRecord | undefined> {
    const row = await findByAddressHash.takeFirst(this.db, this.dialect, {
      channel,
      addressHash: this.sealer.lookupHash(address),
    });
    // the row was found by the address's keyed hash, so it holds this address: no need to open the sealed copy
    return row && conversationFromRow(row, this.dialect, this.sealer, address);
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    const row = await findById.takeFirst(this.db, this.dialect, { id });
    return row && conversationFromRow(row, this.dialect, this.sealer);
  }

  async create(input: { channel: Channel; address: string; locale: Locale; now: Date }): Promise<ConversationRecord> {
    const record: ConversationRecord = {
      id: timeOrderedId(),
      channel: input.channel,
      address: input.address,
      locale: input.locale,
      status: 'open',
      snapshot: null,
      reference: null,
      createdAt: new Date(input.now),
      updatedAt: new Date(input.now),
    };
    await insertConversation.execute(this.db, this.dialect, {
      id: record.id,
      channel: record.channel,
      address_hash: this.sealer.lookupHash(record.address),
      address_sealed: this.sealer.seal(record.address),
      locale: record.locale,
      status: record.status,
      created_at: this.dialect.time(input.now),
      updated_at: this.dialect.time(input.now),
    });
    return record;
  }

  async update(
    id: string,
    changes: Partial<Pick<ConversationRecord, 'snapshot' | 'locale' | 'status' | 'reference'>> & { updatedAt: Date },
  ): Promise<void> {
    const asText = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await updateConversation.executeLater(this.db, this.dialect, {
      id,
      updatedAt: this.dialect.time(changes.updatedAt),
      snapshot: changes.snapshot === undefined ? undefined : asText(changes.snapshot),
      reference: changes.reference === undefined ? undefined : asText(this.sealer.sealJson(changes.reference)),
      locale: changes.locale,
      status: changes.status,
    });
  }

  async delete(id: string): Promise<void> {
    // processed_inbound has no foreign key (see the migration); the rest cascades
    await this.db.deleteFrom('processed_inbound').where('conversation_id', '=', id).execute();
    await this.db.deleteFrom('conversations').where('id', '=', id).execute();
  }

  async deleteInactiveBefore(cutoff: Date): Promise<number> {
    const before = this.dialect.time(cutoff);
    await this.db.deleteFrom('processed_inbound').where('at', '<', before).execute();
    // a crisis still waiting for a mentor, or with one, is never ended by retention
    const result = await this.db
      .deleteFrom('conversations')
      .where('updated_at', '<', before)
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('handovers')
          .select('conversation_id')
          .where('crisis', '=', this.dialect.bool(true))
          .where('status', 'in', ['waiting', 'active']),
      )
      .executeTakeFirstOrThrow();
    return affectedRows(result);
  }
}

/** a conversations row as the record; `address`, when the caller knows it, spares opening the sealed copy */
export function conversationFromRow(
  row: Selectable<ConversationsTable>,
  dialect: StorageDialect,
  sealer: AddressSealer,
  address?: string,
): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    address: address ?? sealer.open(row.address_sealed),
    locale: row.locale,
    status: row.status,
    snapshot: row.snapshot === null ? null : dialect.fromJson(row.snapshot),
    reference: sealer.openJson(row.reference === null ? null : dialect.fromJson(row.reference)),
    createdAt: dialect.toDate(row.created_at),
    updatedAt: dialect.toDate(row.updated_at),
  };
}
