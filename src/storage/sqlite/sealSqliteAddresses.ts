/**
 * The code step of migration `sealed_addresses`: seals the numbers and web chat ids stored in clear
 * before it, inside the migration's transaction (so a crash leaves either all of them clear and the
 * migration unapplied, or all of them sealed).
 */
import type Database from 'better-sqlite3';
import type { AddressSealer } from '../sealing/addressSealer.js';

export function sealSqliteAddresses(db: Database.Database, sealer: AddressSealer): void {
  const conversations = db.prepare('SELECT id, address_hash, reference FROM conversations').all() as Array<{
    id: string;
    address_hash: string;
    reference: string | null;
  }>;
  const sealConversation = db.prepare(
    'UPDATE conversations SET address_hash = ?, address_sealed = ?, reference = ? WHERE id = ?',
  );
  for (const row of conversations) {
    // JSON text in SQLite; a NULL reference stays NULL
    const reference = row.reference === null ? null : JSON.stringify(sealer.sealJson(JSON.parse(row.reference)));
    sealConversation.run(sealer.lookupHash(row.address_hash), sealer.seal(row.address_hash), reference, row.id);
  }
  const optOuts = db.prepare('SELECT channel, address_hash FROM opt_outs').all() as Array<{
    channel: string;
    address_hash: string;
  }>;
  const hashOptOut = db.prepare('UPDATE opt_outs SET address_hash = ? WHERE channel = ? AND address_hash = ?');
  for (const row of optOuts) hashOptOut.run(sealer.lookupHash(row.address_hash), row.channel, row.address_hash);
  const callbacks = db
    .prepare('SELECT id, contact_phone FROM handovers WHERE contact_phone IS NOT NULL')
    .all() as Array<{
    id: string;
    contact_phone: string;
  }>;
  const sealCallback = db.prepare('UPDATE handovers SET contact_phone = ? WHERE id = ?');
  for (const row of callbacks) sealCallback.run(sealer.seal(row.contact_phone), row.id);
}
