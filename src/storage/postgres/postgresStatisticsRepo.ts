import { sumIncrements } from '../counterIncrements.js';
import type {
  AuditLogRepo,
  AuditRecord,
  CounterIncrement,
  CounterRow,
  StatisticsRepo,
  UnansweredSample,
  UnansweredSampleRepo,
} from '../ports.js';
import type { Queryable } from './postgresValues.js';

interface CounterRowData {
  hour_start: Date;
  metric: string;
  dimension: string;
  value: string;
}

export class PostgresStatisticsRepo implements StatisticsRepo {
  constructor(private readonly db: Queryable) {}

  /** an upsert that adds: instances counting the same hour at once all add up */
  async increment(hourStart: Date, increments: CounterIncrement[]): Promise<void> {
    const rows = sumIncrements(increments);
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO statistics_counters (hour_start, metric, dimension, value)
       SELECT $1, metric, dimension, value FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t (metric, dimension, value)
       ON CONFLICT (hour_start, metric, dimension)
       DO UPDATE SET value = statistics_counters.value + excluded.value`,
      [hourStart, rows.map((row) => row.metric), rows.map((row) => row.dimension), rows.map((row) => row.value)],
    );
  }

  async listBetween(from: Date, to: Date): Promise<CounterRow[]> {
    const { rows } = await this.db.query<CounterRowData>(
      `SELECT hour_start, metric, dimension, value FROM statistics_counters
       WHERE hour_start >= $1 AND hour_start < $2 ORDER BY hour_start, metric, dimension`,
      [from, to],
    );
    return rows.map((row) => ({
      hourStart: row.hour_start,
      metric: row.metric,
      dimension: row.dimension,
      value: Number(row.value),
    }));
  }
}

interface SampleRow {
  id: string;
  received_hour: Date;
  locale: UnansweredSample['locale'];
  dialog_state: string;
  text: string;
}

export class PostgresUnansweredSampleRepo implements UnansweredSampleRepo {
  constructor(private readonly db: Queryable) {}

  async add(input: Omit<UnansweredSample, 'id'>): Promise<void> {
    await this.db.query(
      'INSERT INTO unanswered_samples (received_hour, locale, dialog_state, text) VALUES ($1, $2, $3, $4)',
      [input.receivedHour, input.locale, input.dialogState, input.text],
    );
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<UnansweredSample[]> {
    const { rows } = await this.db.query<SampleRow>(
      `SELECT * FROM unanswered_samples WHERE received_hour >= $1 AND received_hour < $2
       ORDER BY received_hour DESC, id DESC LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      receivedHour: row.received_hour,
      locale: row.locale,
      dialogState: row.dialog_state,
      text: row.text,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM unanswered_samples WHERE received_hour < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string;
  handover_id: string | null;
}

export class PostgresAuditLogRepo implements AuditLogRepo {
  constructor(private readonly db: Queryable) {}

  async add(input: Omit<AuditRecord, 'id'>): Promise<void> {
    await this.db.query('INSERT INTO audit_log (at, actor, action, target, handover_id) VALUES ($1, $2, $3, $4, $5)', [
      input.at,
      input.actor,
      input.action,
      input.target,
      input.handoverId,
    ]);
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<AuditRow>(
      'SELECT * FROM audit_log WHERE at >= $1 AND at < $2 ORDER BY at, id LIMIT $3',
      [from, to, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      handoverId: row.handover_id,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query('DELETE FROM audit_log WHERE at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}
