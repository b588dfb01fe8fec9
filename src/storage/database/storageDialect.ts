/**
 * What the repositories, written once, need to know of the dialect they run on: how it stores times,
 * booleans and JSON (the codec behind the `Stored*` column types), and the few places where its SQL
 * differs. Each dialect has one implementation (`sqlite/sqliteDialect.ts`, `postgres/postgresDialect.ts`).
 */
import type { RawBuilder } from 'kysely';
import type { StoredBoolean, StoredJson, StoredTime } from './tables.js';

export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres';
  time(date: Date): StoredTime;
  toDate(stored: StoredTime): Date;
  bool(value: boolean): StoredBoolean;
  toBoolean(stored: StoredBoolean): boolean;
  /** a JSON value to write (JSON `null` for null: pass SQL NULL yourself where the column may be NULL) */
  json(value: unknown): RawBuilder<StoredJson>;
  /** JSON text already made (or SQL NULL) as the column's JSON: what a prepared query writes */
  jsonFromText(text: string | null): RawBuilder<StoredJson>;
  fromJson(stored: StoredJson): unknown;
  /**
   * PostgreSQL: claim rows `FOR UPDATE SKIP LOCKED`, so instances polling at once take disjoint rows.
   * SQLite has no row locks and needs none: every transaction holds the write lock (BEGIN IMMEDIATE).
   */
  readonly skipsLockedRows: boolean;
  /** a column to ORDER BY in byte order, as SQLite sorts text, whatever PostgreSQL's collation */
  inByteOrder(column: string): RawBuilder<string>;
  /** the smaller of two values of the same type: SQLite's two-argument min(), PostgreSQL's LEAST */
  least<T>(a: RawBuilder<T>, b: RawBuilder<T>): RawBuilder<T>;
  /**
   * PostgreSQL: the transcript's next id, taken by the turn's opening read, so that the person's
   * message can be written with the turn's last writes, a round trip fewer (see TurnOpening). SQLite:
   * null; its insert is a call in process, and the id it returns costs nothing.
   */
  readonly nextTranscriptId: RawBuilder<string> | null;
}

export function toNullableDate(dialect: StorageDialect, stored: StoredTime | null): Date | null {
  return stored === null ? null : dialect.toDate(stored);
}

/** rows a DELETE or UPDATE touched (Kysely counts them as bigint) */
export function affectedRows(result: { numDeletedRows: bigint } | { numUpdatedRows: bigint }): number {
  return Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
}
