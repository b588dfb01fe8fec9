import { sumIncrements } from '../counterIncrements.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { CounterIncrement, CounterRow, StatisticsRepo } from '../ports.js';

/** Hourly counters, never finer than the hour and with no conversation or person in them. */
export class SqlStatisticsRepo implements StatisticsRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  /** one upsert that adds: instances counting the same hour at once all add up */
  async increment(hourStart: Date, increments: CounterIncrement[]): Promise<void> {
    const rows = sumIncrements(increments);
    if (rows.length === 0) return;
    const hour = this.dialect.time(hourStart);
    await this.db
      .insertInto('statistics_counters')
      .values(rows.map((row) => ({ hour_start: hour, metric: row.metric, dimension: row.dimension, value: row.value })))
      .onConflict((conflict) =>
        conflict
          .columns(['hour_start', 'metric', 'dimension'])
          .doUpdateSet((eb) => ({ value: eb('statistics_counters.value', '+', eb.ref('excluded.value')) })),
      )
      .execute();
  }

  async listBetween(from: Date, to: Date): Promise<CounterRow[]> {
    const rows = await this.db
      .selectFrom('statistics_counters')
      .select(['hour_start', 'metric', 'dimension', 'value'])
      .where('hour_start', '>=', this.dialect.time(from))
      .where('hour_start', '<', this.dialect.time(to))
      .orderBy('hour_start')
      .orderBy('metric')
      .orderBy('dimension')
      .execute();
    return rows.map((row) => ({
      hourStart: this.dialect.toDate(row.hour_start),
      metric: row.metric,
      dimension: row.dimension,
      value: Number(row.value),
    }));
  }
}
