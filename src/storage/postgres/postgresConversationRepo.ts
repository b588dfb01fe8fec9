import { randomUUID } from 'node:crypto';
import type { Channel, Locale } from '../../domain/domain.js';
import type { ConversationRecord, ConversationRepo, ConversationStatus } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { type Queryable, toJsonParam } from './postgresValues.js';

type ConversationRow = {
  id: string;
  channel: Channel;
  /** HMAC of the address: what lookups compare */
  address_hash: string;
  address_sealed: string;
  locale: Locale;
  status: ConversationStatus;
  snapshot: unknown | null;
  reference: unknown | null;
  created_at: Date;
  updated_at: Date;
};

function toConversation(row: ConversationRow, sealer: AddressSealer): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    address: sealer.open(row.address_sealed),
    locale: row.locale,
    status: row.status,
    snapshot: row.snapshot,
    reference: sealer.openJson(row.reference),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class PostgresConversationRepo implements ConversationRepo {
  constructor(
    private readonly db: Queryable,
    private readonly sealer: AddressSealer,
  ) {}

  async findByAddress(channel: Channel, address: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.db.query<ConversationRow>(
      `SELECT * FROM conversations WHERE channel = $1 AND address_hash = $2
       ORDER BY updated_at DESC, created_at DESC LIMIT 1`,
      [channel, this.sealer.lookupHash(address)],
    );
    return rows[0] && toConversation(rows[0], this.sealer);
  }

  async get(id: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.db.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [id]);
    return rows[0] && toConversation(rows[0], this.sealer);
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
    await this.db.query(
      `INSERT INTO conversations (id, channel, address_hash, address_sealed, locale, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        record.id,
        record.channel,
        this.sealer.lookupHash(record.address),
        this.sealer.seal(record.address),
        record.locale,
        record.status,
        input.now,
      ],
    );
    return record;
  }

  async update(
    id: string,
    changes: Partial<Pick<ConversationRecord, 'snapshot' | 'locale' | 'status' | 'reference'>> & { updatedAt: Date },
  ): Promise<void> {
    const values: unknown[] = [id, changes.updatedAt];
    const assignments = ['updated_at = $2'];
    if (changes.snapshot !== undefined) {
      values.push(toJsonParam(changes.snapshot));
      assignments.push(`snapshot = $${values.length}::jsonb`);
    }
    if (changes.reference !== undefined) {
      values.push(toJsonParam(this.sealer.sealJson(changes.reference)));
      assignments.push(`reference = $${values.length}::jsonb`);
    }
    if (changes.locale !== undefined) {
      values.push(changes.locale);
      assignments.push(`locale = $${values.length}`);
    }
    if (changes.status !== undefined) {
      values.push(changes.status);
      assignments.push(`status = $${values.length}`);
    }
    await this.db.query(`UPDATE conversations SET ${assignments.join(', ')} WHERE id = $1`, values);
  }

  async delete(id: string): Promise<void> {
    // processed_inbound has no foreign key (see the migration); the rest cascades
    await this.db.query('DELETE FROM processed_inbound WHERE conversation_id = $1', [id]);
    await this.db.query('DELETE FROM conversations WHERE id = $1', [id]);
  }

  async deleteInactiveBefore(cutoff: Date): Promise<number> {
    await this.db.query('DELETE FROM processed_inbound WHERE at < $1', [cutoff]);
    // a crisis still waiting for a mentor, or with one, is never ended by retention
    const result = await this.db.query(
      `DELETE FROM conversations WHERE updated_at < $1 AND id NOT IN (
         SELECT conversation_id FROM handovers WHERE crisis AND status IN ('waiting', 'active'))`,
      [cutoff],
    );
    return result.rowCount ?? 0;
  }
}
