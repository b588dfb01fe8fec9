import { sumIncrements } from '../counterIncrements.js';
import { numberedRows, preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, StoredTime } from '../database/tables.js';
import type { CounterIncrement, CounterRow, StatisticsRepo } from '../ports.js';

/** the upsert's values by name: `hour`, then `metric0`, `dimension0`, `value0`, `metric1` … per row */
type UpsertValues = Record<string, StoredTime | string | number>;

function upsertValues(hour: StoredTime, rows: ReadonlyArray<Required<CounterIncrement>>): UpsertValues {
  const values: UpsertValues = { hour };
  for (const [index, row] of rows.entries()) {
    values[`metric${index}`] = row.metric;
    values[`dimension${index}`] = row.dimension;
    values[`value${index}`] = row.value;
  }
  return values;
}

// every turn counts something: prepared, once per number of rows (the names given make the shape)
const upsertCounters = preparedQuery((db, _dialect, values: UpsertValues) => {
  const rows = numberedRows(values, 'metric', (index) => ({
    hour_start: values.hour as StoredTime,
    metric: values[`metric${index}`] as string,
    dimension: values[`dimension${index}`] as string,
    value: values[`value${index}`] as number,
  }));
  return db
    .insertInto('statistics_counters')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['hour_start', 'metric', 'dimension'])
        .doUpdateSet((eb) => ({ value: eb('statistics_counters.value', '+', eb.ref('excluded.value')) })),
    );
});

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
    await upsertCounters.executeLater(this.db, this.dialect, upsertValues(this.dialect.time(hourStart), rows));
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
