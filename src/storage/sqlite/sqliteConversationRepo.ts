import { randomUUID } from 'node:crypto';
import type { Channel, Locale } from '../../domain/domain.js';
import type { ConversationRecord, ConversationRepo, ConversationStatus } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { fromEpochMs, fromJsonText, type PreparedSql, type SqliteValue, toJsonText } from './sqliteValues.js';

interface ConversationRow {
  id: string;
  channel: Channel;
  /** HMAC of the address: what lookups compare */
  address_hash: string;
  address_sealed: string;
  locale: Locale;
  status: ConversationStatus;
  snapshot: string | null;
  reference: string | null;
  created_at: number;
  updated_at: number;
}

function toConversation(row: ConversationRow, sealer: AddressSealer): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    address: sealer.open(row.address_sealed),
    locale: row.locale,
    status: row.status,
    snapshot: fromJsonText(row.snapshot),
    reference: sealer.openJson(fromJsonText(row.reference)),
    createdAt: fromEpochMs(row.created_at),
    updatedAt: fromEpochMs(row.updated_at),
  };
}

export class SqliteConversationRepo implements ConversationRepo {
  constructor(
    private readonly sql: PreparedSql,
    private readonly sealer: AddressSealer,
  ) {}

  async findByAddress(channel: Channel, address: string): Promise<ConversationRecord | undefined> {
    const row = this.sql(
      'SELECT * FROM conversations WHERE channel = ? AND address_hash = ? ORDER BY updated_at DESC, created_at DESC LIMIT 1',
    ).get(channel, this.sealer.lookupHash(address)) as ConversationRow | undefined;
    return row && toConversation(row, this.sealer);
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    const row = this.sql('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
    return row && toConversation(row, this.sealer);
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
    this.sql(
      `INSERT INTO conversations
         (id, channel, address_hash, address_sealed, locale, status, snapshot, reference, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
    ).run(
      record.id,
      record.channel,
      this.sealer.lookupHash(record.address),
      this.sealer.seal(record.address),
      record.locale,
      record.status,
      input.now.getTime(),
      input.now.getTime(),
    );
    return record;
  }

  async update(
    id: string,
    changes: Partial<Pick<ConversationRecord, 'snapshot' | 'locale' | 'status' | 'reference'>> & { updatedAt: Date },
  ): Promise<void> {
    const assignments = ['updated_at = ?'];
    const values: SqliteValue[] = [changes.updatedAt.getTime()];
    if (changes.snapshot !== undefined) {
      assignments.push('snapshot = ?');
      values.push(toJsonText(changes.snapshot));
    }
    if (changes.reference !== undefined) {
      assignments.push('reference = ?');
      values.push(toJsonText(this.sealer.sealJson(changes.reference)));
    }
    if (changes.locale !== undefined) {
      assignments.push('locale = ?');
      values.push(changes.locale);
    }
    if (changes.status !== undefined) {
      assignments.push('status = ?');
      values.push(changes.status);
    }
    this.sql(`UPDATE conversations SET ${assignments.join(', ')} WHERE id = ?`).run(...values, id);
  }

  async delete(id: string): Promise<void> {
    // processed_inbound has no foreign key (see the migration); the rest cascades
    this.sql('DELETE FROM processed_inbound WHERE conversation_id = ?').run(id);
    this.sql('DELETE FROM conversations WHERE id = ?').run(id);
  }

  async deleteInactiveBefore(cutoff: Date): Promise<number> {
    this.sql('DELETE FROM processed_inbound WHERE at < ?').run(cutoff.getTime());
    // a crisis still waiting for a mentor, or with one, is never ended by retention
    return this.sql(
      `DELETE FROM conversations WHERE updated_at < ? AND id NOT IN (
         SELECT conversation_id FROM handovers WHERE crisis = 1 AND status IN ('waiting', 'active'))`,
    ).run(cutoff.getTime()).changes;
  }
}
