/** How values travel to PostgreSQL: pg maps Date and boolean itself; JSON goes as text cast to jsonb. */
import type { PoolClient } from 'pg';

/** a connection that can run queries: a pool client inside a transaction */
export type Queryable = Pick<PoolClient, 'query'>;

/** pg would turn a JS array into a PostgreSQL array, so JSON is always sent as text */
export function toJsonParam(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
