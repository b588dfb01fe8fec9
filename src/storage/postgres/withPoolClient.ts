import type { Pool, PoolClient } from 'pg';

/**
 * Lends `use` one pooled connection. A connection that drops while lent emits 'error' on the client,
 * which would crash the process if nobody listened; such a connection is destroyed, not reused.
 */
export async function withPoolClient<T>(
  pool: Pool,
  use: (client: PoolClient, discard: () => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const discard = () => {
    broken = true;
  };
  client.on('error', discard);
  try {
    return await use(client, discard);
  } finally {
    client.off('error', discard);
    client.release(broken);
  }
}
