import type { Channel } from '../../domain/domain.js';
import type { OptOutRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';
import type { Queryable } from './postgresValues.js';

/** Kept by the address's keyed hash only: an opt-out needs to be recognised, never read back. */
export class PostgresOptOutRepo implements OptOutRepo {
  constructor(
    private readonly db: Queryable,
    private readonly sealer: AddressSealer,
  ) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    const result = await this.db.query('SELECT 1 FROM opt_outs WHERE channel = $1 AND address_hash = $2', [
      channel,
      this.sealer.lookupHash(address),
    ]);
    return result.rows.length > 0;
  }

  async optOut(channel: Channel, address: string, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO opt_outs (channel, address_hash, at) VALUES ($1, $2, $3) ON CONFLICT (channel, address_hash) DO NOTHING',
      [channel, this.sealer.lookupHash(address), at],
    );
  }

  async optIn(channel: Channel, address: string): Promise<void> {
    await this.db.query('DELETE FROM opt_outs WHERE channel = $1 AND address_hash = $2', [
      channel,
      this.sealer.lookupHash(address),
    ]);
  }
}
