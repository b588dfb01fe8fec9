import { randomUUID } from 'node:crypto';
import type { Channel, TopicIntent } from '../../domain/domain.js';
import {
  HANDOVER_COLUMNS,
  HANDOVER_FIELDS,
  type HandoverChanges,
  sealContactPhone,
  withClosingErasure,
} from '../handoverColumns.js';
import type { HandoverOutcome, HandoverRecord, HandoverRepo, HandoverStatus } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import { fromEpochMs, fromNullableEpochMs, type PreparedSql, type SqliteValue, toSqliteValue } from './sqliteValues.js';

interface HandoverRow {
  id: string;
  conversation_id: string;
  channel: Channel;
  status: HandoverStatus;
  priority: number;
  crisis: number;
  consent: number;
  topic: TopicIntent | null;
  summary: string;
  mentor_id: string | null;
  waiting_since: number;
  accepted_at: number | null;
  closed_at: number | null;
  outcome: HandoverOutcome | null;
  visible_from_message_id: number;
  handled_at: number | null;
  contact_phone: string | null;
  consent_withdrawn_at: number | null;
}

function toHandover(row: HandoverRow, sealer: AddressSealer): HandoverRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    crisis: row.crisis === 1,
    consent: row.consent === 1,
    topic: row.topic,
    summary: row.summary,
    mentorId: row.mentor_id,
    waitingSince: fromEpochMs(row.waiting_since),
    acceptedAt: fromNullableEpochMs(row.accepted_at),
    closedAt: fromNullableEpochMs(row.closed_at),
    outcome: row.outcome,
    visibleFromMessageId: row.visible_from_message_id,
    handledAt: fromNullableEpochMs(row.handled_at),
    contactPhone: row.contact_phone === null ? null : sealer.open(row.contact_phone),
    consentWithdrawnAt: fromNullableEpochMs(row.consent_withdrawn_at),
  };
}

export class SqliteHandoverRepo implements HandoverRepo {
  constructor(
    private readonly sql: PreparedSql,
    private readonly sealer: AddressSealer,
  ) {}

  async create(input: Parameters<HandoverRepo['create']>[0]): Promise<HandoverRecord> {
    const id = randomUUID();
    this.sql(
      `INSERT INTO handovers (id, conversation_id, channel, status, priority, crisis, consent, topic, summary,
         waiting_since, visible_from_message_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.conversationId,
      input.channel,
      input.status,
      input.priority,
      toSqliteValue(input.crisis),
      toSqliteValue(input.consent),
      input.topic,
      input.summary,
      input.waitingSince.getTime(),
      input.visibleFromMessageId,
    );
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
    const row = this.sql('SELECT * FROM handovers WHERE id = ?').get(id) as HandoverRow | undefined;
    return row && toHandover(row, this.sealer);
  }

  async findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined> {
    const row = this.sql(
      `SELECT * FROM handovers WHERE conversation_id = ? AND status IN ('waiting', 'active', 'callback')
       ORDER BY waiting_since DESC LIMIT 1`,
    ).get(conversationId) as HandoverRow | undefined;
    return row && toHandover(row, this.sealer);
  }

  async listByStatus(statuses: HandoverStatus[]): Promise<HandoverRecord[]> {
    if (statuses.length === 0) return [];
    const placeholders = statuses.map(() => '?').join(', ');
    const rows = this.sql(
      `SELECT * FROM handovers WHERE status IN (${placeholders}) ORDER BY priority DESC, waiting_since, id`,
    ).all(...statuses) as HandoverRow[];
    return rows.map((row) => toHandover(row, this.sealer));
  }

  async listAcceptedSince(since: Date, limit: number): Promise<HandoverRecord[]> {
    const rows = this.sql('SELECT * FROM handovers WHERE accepted_at >= ? ORDER BY accepted_at DESC, id LIMIT ?').all(
      since.getTime(),
      limit,
    ) as HandoverRow[];
    return rows.map((row) => toHandover(row, this.sealer));
  }

  async claim(id: string, mentorId: string, at: Date): Promise<boolean> {
    const result = this.sql(
      `UPDATE handovers SET status = 'active', mentor_id = ?, accepted_at = ? WHERE id = ? AND status = 'waiting'`,
    ).run(mentorId, at.getTime(), id);
    return result.changes === 1;
  }

  async update(id: string, requested: HandoverChanges): Promise<void> {
    const changes = sealContactPhone(withClosingErasure(requested), this.sealer);
    const assignments: string[] = [];
    const values: SqliteValue[] = [];
    for (const field of HANDOVER_FIELDS) {
      const value = changes[field];
      if (value === undefined) continue;
      assignments.push(`${HANDOVER_COLUMNS[field]} = ?`);
      values.push(toSqliteValue(value));
    }
    if (assignments.length === 0) return;
    this.sql(`UPDATE handovers SET ${assignments.join(', ')} WHERE id = ?`).run(...values, id);
  }
}
