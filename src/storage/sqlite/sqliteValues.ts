/** How values are stored in SQLite: times as UTC epoch milliseconds, booleans as 0/1, JSON as text. */
import type Database from 'better-sqlite3';

export type SqliteValue = string | number | null;

/** Prepares each SQL text once per connection. */
export type PreparedSql = (sql: string) => Database.Statement;

export function createPreparedSql(db: Database.Database): PreparedSql {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

export function toSqliteValue(value: string | number | boolean | Date | null): SqliteValue {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function toJsonText(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function fromJsonText(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function fromEpochMs(ms: number): Date {
  return new Date(ms);
}

export function fromNullableEpochMs(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
