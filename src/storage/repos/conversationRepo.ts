import { randomUUID } from 'node:crypto';
import type { Selectable, UpdateObject } from 'kysely';
import type { Channel, Locale } from '../../domain/domain.js';
import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { ConversationsTable, StorageDb, Tables } from '../database/tables.js';
import type { ConversationRecord, ConversationRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';

export class SqlConversationRepo implements ConversationRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async findByAddress(channel: Channel, address: string): Promise<ConversationRecord | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('channel', '=', channel)
      .where('address_hash', '=', this.sealer.lookupHash(address))
      .orderBy('updated_at', 'desc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && this.toConversation(row);
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toConversation(row);
  }

  async create(input: { channel: Channel; address: string; locale: Locale; now: Date }): Promise<ConversationRecord> {
    const record: ConversationRecord = {
      id: randomUUID(),
      channel: input.channel,
      address: input.address,
      locale: input.locale,
      status: 'open',
      snapshot: null,
      reference: null,
      createdAt: new Date(input.now),
      updatedAt: new Date(input.now),
    };
    await this.db
      .insertInto('conversations')
      .values({
        id: record.id,
        channel: record.channel,
        address_hash: this.sealer.lookupHash(record.address),
        address_sealed: this.sealer.seal(record.address),
        locale: record.locale,
        status: record.status,
        created_at: this.dialect.time(input.now),
        updated_at: this.dialect.time(input.now),
      })
      .execute();
    return record;
  }

  async update(
    id: string,
    changes: Partial<Pick<ConversationRecord, 'snapshot' | 'locale' | 'status' | 'reference'>> & { updatedAt: Date },
  ): Promise<void> {
    const { dialect } = this;
    const set: UpdateObject<Tables, 'conversations'> = { updated_at: dialect.time(changes.updatedAt) };
    if (changes.snapshot !== undefined)
      set.snapshot = changes.snapshot === null ? null : dialect.json(changes.snapshot);
    if (changes.reference !== undefined) {
      const sealed = this.sealer.sealJson(changes.reference);
      set.reference = sealed === null ? null : dialect.json(sealed);
    }
    if (changes.locale !== undefined) set.locale = changes.locale;
    if (changes.status !== undefined) set.status = changes.status;
    await this.db.updateTable('conversations').set(set).where('id', '=', id).execute();
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

  private toConversation(row: Selectable<ConversationsTable>): ConversationRecord {
    const { dialect, sealer } = this;
    return {
      id: row.id,
      channel: row.channel,
      address: sealer.open(row.address_sealed),
      locale: row.locale,
      status: row.status,
      snapshot: row.snapshot === null ? null : dialect.fromJson(row.snapshot),
      reference: sealer.openJson(row.reference === null ? null : dialect.fromJson(row.reference)),
      createdAt: dialect.toDate(row.created_at),
      updatedAt: dialect.toDate(row.updated_at),
    };
  }
}
