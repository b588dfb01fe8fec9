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
import type { PreparedSql } from './sqliteValues.js';

interface CounterRowData {
  hour_start: number;
  metric: string;
  dimension: string;
  value: number;
}

export class SqliteStatisticsRepo implements StatisticsRepo {
  constructor(private readonly sql: PreparedSql) {}

  async increment(hourStart: Date, increments: CounterIncrement[]): Promise<void> {
    const rows = sumIncrements(increments);
    if (rows.length === 0) return;
    // one statement per shape: the prepared statement is cached by its text
    const values = rows.map(() => '(?, ?, ?, ?)').join(', ');
    this.sql(
      `INSERT INTO statistics_counters (hour_start, metric, dimension, value) VALUES ${values}
       ON CONFLICT (hour_start, metric, dimension) DO UPDATE SET value = value + excluded.value`,
    ).run(...rows.flatMap((row) => [hourStart.getTime(), row.metric, row.dimension, row.value]));
  }

  async listBetween(from: Date, to: Date): Promise<CounterRow[]> {
    const rows = this.sql(
      `SELECT hour_start, metric, dimension, value FROM statistics_counters
       WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start, metric, dimension`,
    ).all(from.getTime(), to.getTime()) as CounterRowData[];
    return rows.map((row) => ({
      hourStart: new Date(row.hour_start),
      metric: row.metric,
      dimension: row.dimension,
      value: row.value,
    }));
  }
}

interface SampleRow {
  id: number;
  received_hour: number;
  locale: UnansweredSample['locale'];
  dialog_state: string;
  text: string;
}

export class SqliteUnansweredSampleRepo implements UnansweredSampleRepo {
  constructor(private readonly sql: PreparedSql) {}

  async add(input: Omit<UnansweredSample, 'id'>): Promise<void> {
    this.sql('INSERT INTO unanswered_samples (received_hour, locale, dialog_state, text) VALUES (?, ?, ?, ?)').run(
      input.receivedHour.getTime(),
      input.locale,
      input.dialogState,
      input.text,
    );
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<UnansweredSample[]> {
    const rows = this.sql(
      `SELECT * FROM unanswered_samples WHERE received_hour >= ? AND received_hour < ?
       ORDER BY received_hour DESC, id DESC LIMIT ?`,
    ).all(from.getTime(), to.getTime(), limit) as SampleRow[];
    return rows.map((row) => ({
      id: String(row.id),
      receivedHour: new Date(row.received_hour),
      locale: row.locale,
      dialogState: row.dialog_state,
      text: row.text,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    return this.sql('DELETE FROM unanswered_samples WHERE received_hour < ?').run(cutoff.getTime()).changes;
  }
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  handover_id: string | null;
}

export class SqliteAuditLogRepo implements AuditLogRepo {
  constructor(private readonly sql: PreparedSql) {}

  async add(input: Omit<AuditRecord, 'id'>): Promise<void> {
    this.sql('INSERT INTO audit_log (at, actor, action, target, handover_id) VALUES (?, ?, ?, ?, ?)').run(
      input.at.getTime(),
      input.actor,
      input.action,
      input.target,
      input.handoverId,
    );
  }

  async listBetween(from: Date, to: Date, limit: number): Promise<AuditRecord[]> {
    const rows = this.sql('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY at, id LIMIT ?').all(
      from.getTime(),
      to.getTime(),
      limit,
    ) as AuditRow[];
    return rows.map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      handoverId: row.handover_id,
    }));
  }

  async deleteBefore(cutoff: Date): Promise<number> {
    return this.sql('DELETE FROM audit_log WHERE at < ?').run(cutoff.getTime()).changes;
  }
}
