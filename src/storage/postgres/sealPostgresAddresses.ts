/**
 * The code step of migration `sealed_addresses`: seals the numbers and web chat ids stored in clear
 * before it, inside the migration's transaction (so a crash leaves either all of them clear and the
 * migration unapplied, or all of them sealed).
 */

import type { PoolClient } from 'pg';
import type { AddressSealer } from '../sealing/addressSealer.js';

export async function sealPostgresAddresses(db: Pick<PoolClient, 'query'>, sealer: AddressSealer): Promise<void> {
  const conversations = await db.query<{ id: string; address_hash: string; reference: unknown }>(
    'SELECT id, address_hash, reference FROM conversations',
  );
  for (const row of conversations.rows) {
    await db.query(
      'UPDATE conversations SET address_hash = $2, address_sealed = $3, reference = $4::jsonb WHERE id = $1',
      [
        row.id,
        sealer.lookupHash(row.address_hash),
        sealer.seal(row.address_hash),
        // sent as text: pg would turn a JS array into a PostgreSQL array
        row.reference === null ? null : JSON.stringify(sealer.sealJson(row.reference)),
      ],
    );
  }
  const optOuts = await db.query<{ channel: string; address_hash: string }>(
    'SELECT channel, address_hash FROM opt_outs',
  );
  for (const row of optOuts.rows) {
    await db.query('UPDATE opt_outs SET address_hash = $3 WHERE channel = $1 AND address_hash = $2', [
      row.channel,
      row.address_hash,
      sealer.lookupHash(row.address_hash),
    ]);
  }
  const callbacks = await db.query<{ id: string; contact_phone: string }>(
    'SELECT id, contact_phone FROM handovers WHERE contact_phone IS NOT NULL',
  );
  for (const row of callbacks.rows) {
    await db.query('UPDATE handovers SET contact_phone = $2 WHERE id = $1', [row.id, sealer.seal(row.contact_phone)]);
  }
}
