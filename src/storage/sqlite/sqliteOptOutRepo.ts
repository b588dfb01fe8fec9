import type { Channel } from '../../domain/domain.js';
import type { OptOutRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import type { PreparedSql } from './sqliteValues.js';

/** Kept by the address's keyed hash only: an opt-out needs to be recognised, never read back. */
export class SqliteOptOutRepo implements OptOutRepo {
  constructor(
    private readonly sql: PreparedSql,
    private readonly sealer: AddressSealer,
  ) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    return (
      this.sql('SELECT 1 FROM opt_outs WHERE channel = ? AND address_hash = ?').get(
        channel,
        this.sealer.lookupHash(address),
      ) !== undefined
    );
  }

  async optOut(channel: Channel, address: string, at: Date): Promise<void> {
    this.sql(
      'INSERT INTO opt_outs (channel, address_hash, at) VALUES (?, ?, ?) ON CONFLICT (channel, address_hash) DO NOTHING',
    ).run(channel, this.sealer.lookupHash(address), at.getTime());
  }

  async optIn(channel: Channel, address: string): Promise<void> {
    this.sql('DELETE FROM opt_outs WHERE channel = ? AND address_hash = ?').run(
      channel,
      this.sealer.lookupHash(address),
    );
  }
}
