import { randomUUID } from 'node:crypto';
import { type Selectable, sql, type UpdateObject } from 'kysely';
import { preparedQuery } from '../database/preparedQuery.js';
import { type StorageDialect, toNullableDate } from '../database/storageDialect.js';
import type { HandoversTable, StorageDb, StoredTime, Tables } from '../database/tables.js';
import type { HandoverRecord, HandoverRepo, HandoverStatus } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';

type HandoverChanges = Parameters<HandoverRepo['update']>[1];

export const OPEN_HANDOVER_STATUSES: readonly HandoverStatus[] = ['waiting', 'active', 'callback'];

// asked on every turn: prepared (see preparedQuery.ts). The statuses and the limit are literals, not
// bound values: SQLite runs `in ('waiting', …)` and `limit 1` several times faster than `in (?, ?, ?)`
// and `limit ?`, whose values it cannot plan for.
const findOpenHandover = preparedQuery((db, _dialect, values: { conversationId: string }) =>
  db
    .selectFrom('handovers')
    .selectAll()
    .where('conversation_id', '=', values.conversationId)
    .where(
      'status',
      'in',
      OPEN_HANDOVER_STATUSES.map((status) => sql.lit(status)),
    )
    .orderBy('waiting_since', 'desc')
    .limit(sql.lit(1)),
);

export class SqlHandoverRepo implements HandoverRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async create(input: Parameters<HandoverRepo['create']>[0]): Promise<HandoverRecord> {
    const id = randomUUID();
    await this.db
      .insertInto('handovers')
      .values({
        id,
        conversation_id: input.conversationId,
        channel: input.channel,
        status: input.status,
        priority: input.priority,
        crisis: this.dialect.bool(input.crisis),
        consent: this.dialect.bool(input.consent),
        topic: input.topic,
        summary: input.summary,
        waiting_since: this.dialect.time(input.waitingSince),
        visible_from_message_id: input.visibleFromMessageId,
        taken_over_from_message_id: input.takenOverFromMessageId ?? null,
      })
      .execute();
    return {
      ...input,
      id,
      waitingSince: new Date(input.waitingSince),
      mentorId: null,
      acceptedAt: null,
      closedAt: null,
      outcome: null,
      handledAt: null,
      contactPhone: null,
      consentWithdrawnAt: null,
    };
  }

  async get(id: string): Promise<HandoverRecord | undefined> {
    const row = await this.db.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toHandover(row);
  }

  async findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined> {
    const row = await findOpenHandover.takeFirst(this.db, this.dialect, { conversationId });
    return row && this.toHandover(row);
  }

  async queuePosition(handoverId: string): Promise<number | undefined> {
    // the waiting handovers that come before this one in listByStatus's order, and itself
    const row = await this.db
      .selectFrom('handovers as self')
      .innerJoin('handovers as ahead', (join) =>
        join
          .on('ahead.status', '=', 'waiting')
          .on((eb) =>
            eb.or([
              eb('ahead.priority', '>', eb.ref('self.priority')),
              eb.and([
                eb('ahead.priority', '=', eb.ref('self.priority')),
                eb.or([
                  eb('ahead.waiting_since', '<', eb.ref('self.waiting_since')),
                  eb.and([
                    eb('ahead.waiting_since', '=', eb.ref('self.waiting_since')),
                    eb('ahead.id', '<=', eb.ref('self.id')),
                  ]),
                ]),
              ]),
            ]),
          ),
      )
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('position'))
      .where('self.id', '=', handoverId)
      .where('self.status', '=', 'waiting')
      .executeTakeFirst();
    const position = Number(row?.position ?? 0);
    return position > 0 ? position : undefined;
  }

  async listByStatus(statuses: HandoverStatus[]): Promise<HandoverRecord[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db
      .selectFrom('handovers')
      .selectAll()
      .where('status', 'in', statuses)
      .orderBy('priority', 'desc')
      .orderBy('waiting_since')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toHandover(row));
  }

  async listAcceptedSince(since: Date, limit: number): Promise<HandoverRecord[]> {
    const rows = await this.db
      .selectFrom('handovers')
      .selectAll()
      .where('accepted_at', '>=', this.dialect.time(since))
      .orderBy('accepted_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => this.toHandover(row));
  }

  async claim(id: string, mentorId: string, at: Date): Promise<boolean> {
    // PostgreSQL: a concurrent claim waits for this row lock, then sees status 'active' and updates nothing
    const result = await this.db
      .updateTable('handovers')
      .set({ status: 'active', mentor_id: mentorId, accepted_at: this.dialect.time(at) })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    return result.numUpdatedRows === 1n;
  }

  async update(id: string, changes: HandoverChanges): Promise<void> {
    const { dialect } = this;
    const bool = (value: boolean | undefined) => (value === undefined ? undefined : dialect.bool(value));
    const time = (value: Date | null | undefined): StoredTime | null | undefined =>
      value === undefined || value === null ? value : dialect.time(value);
    // a closed handover keeps no way to reach the person: closing erases the callback number
    const contactPhone = changes.status === 'closed' ? null : changes.contactPhone;
    // absent fields are left out of the statement (Kysely skips undefined)
    const set: UpdateObject<Tables, 'handovers'> = {
      status: changes.status,
      priority: changes.priority,
      crisis: bool(changes.crisis),
      consent: bool(changes.consent),
      topic: changes.topic,
      summary: changes.summary,
      mentor_id: changes.mentorId,
      waiting_since: changes.waitingSince && dialect.time(changes.waitingSince),
      accepted_at: time(changes.acceptedAt),
      closed_at: time(changes.closedAt),
      outcome: changes.outcome,
      visible_from_message_id: changes.visibleFromMessageId,
      handled_at: time(changes.handledAt),
      // the callback number is stored sealed, like every number
      contact_phone: typeof contactPhone === 'string' ? this.sealer.seal(contactPhone) : contactPhone,
      consent_withdrawn_at: time(changes.consentWithdrawnAt),
      taken_over_from_message_id: changes.takenOverFromMessageId,
      closed_before_message_id: changes.closedBeforeMessageId,
    };
    if (Object.values(set).every((value) => value === undefined)) return;
    await this.db.updateTable('handovers').set(set).where('id', '=', id).execute();
  }

  private toHandover(row: Selectable<HandoversTable>): HandoverRecord {
    const { dialect } = this;
    return {
      id: row.id,
      conversationId: row.conversation_id,
      channel: row.channel,
      status: row.status,
      priority: row.priority,
      crisis: dialect.toBoolean(row.crisis),
      consent: dialect.toBoolean(row.consent),
      topic: row.topic,
      summary: row.summary,
      mentorId: row.mentor_id,
      waitingSince: dialect.toDate(row.waiting_since),
      acceptedAt: toNullableDate(dialect, row.accepted_at),
      closedAt: toNullableDate(dialect, row.closed_at),
      outcome: row.outcome,
      visibleFromMessageId: Number(row.visible_from_message_id),
      handledAt: toNullableDate(dialect, row.handled_at),
      contactPhone: row.contact_phone === null ? null : this.sealer.open(row.contact_phone),
      consentWithdrawnAt: toNullableDate(dialect, row.consent_withdrawn_at),
      ...(row.taken_over_from_message_id === null
        ? {}
        : { takenOverFromMessageId: Number(row.taken_over_from_message_id) }),
      ...(row.closed_before_message_id === null ? {} : { closedBeforeMessageId: Number(row.closed_before_message_id) }),
    };
  }
}
