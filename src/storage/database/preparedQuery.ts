/**
 * A query written once with Kysely, built and compiled once per dialect and shape, then run again
 * with new values. Kysely builds an immutable query tree and compiles it to SQL on every call (about
 * 15–40 µs here); a turn sends ten queries, so the queries on a turn's path are prepared this way and
 * the rest are built per call as usual.
 *
 * The build function gets a stand-in for each value (a `Parameter`); Kysely carries it into the
 * compiled query's parameters as it would a value, and each run puts the call's values in its place.
 * So a build function must pass its values through to Kysely untouched (encode them before the call,
 * e.g. `dialect.time(date)`, and write JSON with `dialect.jsonFromText`), and must not branch on
 * them except on whether an optional one is given: an undefined value makes another shape, compiled
 * once too.
 *
 * A dialect may also give its connection's own way to run a compiled query (`runCompiledOn`): then a
 * prepared query goes straight to the driver, past Kysely's executor (its connection provider, mutex
 * and result plugins, none of which the store uses), which costs about ten microseconds a query.
 */
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { StorageDialect } from './storageDialect.js';
import type { StorageDb } from './tables.js';

export type CompiledQueryRunner = (query: CompiledQuery) => Promise<QueryResult<unknown>>;
/** takes a write whose result nobody reads, to send it later in the same transaction */
export type CompiledWriteDeferrer = (query: CompiledQuery) => Promise<void>;

/** per Kysely instance: the runner of the connection its queries run on, and its deferrer if it has one */
const runners = new WeakMap<StorageDb, { run: CompiledQueryRunner; defer?: CompiledWriteDeferrer }>();

/**
 * Prepared queries on `db` are run by `run`, which must answer as Kysely's driver would; `defer`, if
 * given, takes the writes made with `executeLater`.
 */
export function runCompiledOn(db: StorageDb, run: CompiledQueryRunner, defer?: CompiledWriteDeferrer): StorageDb {
  runners.set(db, defer ? { run, defer } : { run });
  return db;
}

/** what stands in for one named value while the query is built */
class Parameter {
  constructor(readonly name: string) {}
}

type Build<P extends object, R> = (db: StorageDb, dialect: StorageDialect, values: P) => Compilable<R>;

interface Template<R> {
  compiled: CompiledQuery<R>;
  /** per compiled parameter: the name of the call's value, or a constant the build wrote itself */
  slots: ReadonlyArray<{ name: string } | { constant: unknown }>;
}

export class PreparedQuery<P extends object, R> {
  /** by dialect and the names of the values given (the shape) */
  private readonly templates = new Map<string, Template<R>>();

  constructor(private readonly build: Build<P, R>) {}

  async execute(db: StorageDb, dialect: StorageDialect, values: P): Promise<QueryResult<R>> {
    const query = this.bind(db, dialect, values);
    const runner = runners.get(db);
    return runner ? (runner.run(query) as Promise<QueryResult<R>>) : db.executeQuery(query);
  }

  /**
   * A write whose result nobody reads: run now, or, where the connection defers writes (PostgreSQL,
   * see postgres/writeBehind.ts), sent with the transaction's next statement batch, before its next
   * read or its COMMIT. Its error then fails the transaction there.
   */
  async executeLater(db: StorageDb, dialect: StorageDialect, values: P): Promise<void> {
    const query = this.bind(db, dialect, values);
    const runner = runners.get(db);
    if (runner?.defer) await runner.defer(query);
    else await (runner ? runner.run(query) : db.executeQuery(query));
  }

  async takeFirst(db: StorageDb, dialect: StorageDialect, values: P): Promise<R | undefined> {
    return (await this.execute(db, dialect, values)).rows[0];
  }

  /** the compiled query with this call's values in place */
  private bind(db: StorageDb, dialect: StorageDialect, values: P): CompiledQuery<R> {
    const byName = values as Record<string, unknown>;
    const given = Object.keys(byName).filter((name) => byName[name] !== undefined);
    const key = `${dialect.name}:${given.join(',')}`;
    let template = this.templates.get(key);
    if (!template) {
      template = this.compile(db, dialect, given);
      this.templates.set(key, template);
    }
    const parameters = template.slots.map((slot) => ('name' in slot ? byName[slot.name] : slot.constant));
    return { ...template.compiled, parameters };
  }

  private compile(db: StorageDb, dialect: StorageDialect, given: readonly string[]): Template<R> {
    const standIns = Object.fromEntries(given.map((name) => [name, new Parameter(name)]));
    // the stand-ins take the values' place while building: Kysely only carries them to the parameters
    const compiled = this.build(db, dialect, standIns as P).compile();
    const slots = compiled.parameters.map((parameter) =>
      parameter instanceof Parameter ? { name: parameter.name } : { constant: parameter },
    );
    return { compiled, slots };
  }
}

/**
 * For a multi-row insert, prepared once per number of rows: the call gives each row's values under
 * numbered names (`text0`, `text1` …), so the names make the shape. Counts the rows by the names that
 * start with `marker` and builds each with `row(index)`.
 */
export function numberedRows<T>(values: object, marker: string, row: (index: number) => T): T[] {
  const rowCount = Object.keys(values).filter((name) => name.startsWith(marker)).length;
  return Array.from({ length: rowCount }, (_, index) => row(index));
}

export function preparedQuery<P extends object, R>(build: Build<P, R>): PreparedQuery<P, R> {
  return new PreparedQuery(build);
}
