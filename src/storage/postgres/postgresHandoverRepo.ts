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
import type { Queryable } from './postgresValues.js';

type HandoverRow = {
  id: string;
  conversation_id: string;
  channel: Channel;
  status: HandoverStatus;
  priority: number;
  crisis: boolean;
  consent: boolean;
  topic: TopicIntent | null;
  summary: string;
  mentor_id: string | null;
  waiting_since: Date;
  accepted_at: Date | null;
  closed_at: Date | null;
  outcome: HandoverOutcome | null;
  /** bigint arrives as a string */
  visible_from_message_id: string;
  handled_at: Date | null;
  contact_phone: string | null;
  consent_withdrawn_at: Date | null;
};

function toHandover(row: HandoverRow, sealer: AddressSealer): HandoverRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    crisis: row.crisis,
    consent: row.consent,
    topic: row.topic,
    summary: row.summary,
    mentorId: row.mentor_id,
    waitingSince: row.waiting_since,
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    outcome: row.outcome,
    visibleFromMessageId: Number(row.visible_from_message_id),
    handledAt: row.handled_at,
    contactPhone: row.contact_phone === null ? null : sealer.open(row.contact_phone),
    consentWithdrawnAt: row.consent_withdrawn_at,
  };
}

export class PostgresHandoverRepo implements HandoverRepo {
  constructor(
    private readonly db: Queryable,
    private readonly sealer: AddressSealer,
  ) {}

  async create(input: Parameters<HandoverRepo['create']>[0]): Promise<HandoverRecord> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO handovers (id, conversation_id, channel, status, priority, crisis, consent, topic, summary,
         waiting_since, visible_from_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        input.conversationId,
        input.channel,
        input.status,
        input.priority,
        input.crisis,
        input.consent,
        input.topic,
        input.summary,
        input.waitingSince,
        input.visibleFromMessageId,
      ],
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
    const { rows } = await this.db.query<HandoverRow>('SELECT * FROM handovers WHERE id = $1', [id]);
    return rows[0] && toHandover(rows[0], this.sealer);
  }

  async findOpenByConversation(conversationId: string): Promise<HandoverRecord | undefined> {
    const { rows } = await this.db.query<HandoverRow>(
      `SELECT * FROM handovers WHERE conversation_id = $1 AND status IN ('waiting', 'active', 'callback')
       ORDER BY waiting_since DESC LIMIT 1`,
      [conversationId],
    );
    return rows[0] && toHandover(rows[0], this.sealer);
  }

  async listByStatus(statuses: HandoverStatus[]): Promise<HandoverRecord[]> {
    if (statuses.length === 0) return [];
    const { rows } = await this.db.query<HandoverRow>(
      'SELECT * FROM handovers WHERE status = ANY($1::text[]) ORDER BY priority DESC, waiting_since, id',
      [statuses],
    );
    return rows.map((row) => toHandover(row, this.sealer));
  }

  async listAcceptedSince(since: Date, limit: number): Promise<HandoverRecord[]> {
    const { rows } = await this.db.query<HandoverRow>(
      'SELECT * FROM handovers WHERE accepted_at >= $1 ORDER BY accepted_at DESC, id LIMIT $2',
      [since, limit],
    );
    return rows.map((row) => toHandover(row, this.sealer));
  }

  async claim(id: string, mentorId: string, at: Date): Promise<boolean> {
    // a concurrent claim waits for this row lock, then sees status 'active' and updates nothing
    const result = await this.db.query(
      `UPDATE handovers SET status = 'active', mentor_id = $2, accepted_at = $3 WHERE id = $1 AND status = 'waiting'`,
      [id, mentorId, at],
    );
    return result.rowCount === 1;
  }

  async update(id: string, requested: HandoverChanges): Promise<void> {
    const changes = sealContactPhone(withClosingErasure(requested), this.sealer);
    const values: unknown[] = [id];
    const assignments: string[] = [];
    for (const field of HANDOVER_FIELDS) {
      const value = changes[field];
      if (value === undefined) continue;
      values.push(value);
      assignments.push(`${HANDOVER_COLUMNS[field]} = $${values.length}`);
    }
    if (assignments.length === 0) return;
    await this.db.query(`UPDATE handovers SET ${assignments.join(', ')} WHERE id = $1`, values);
  }
}
