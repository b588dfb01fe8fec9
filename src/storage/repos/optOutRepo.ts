import type { Channel } from '../../domain/domain.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { OptOutRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';

/** Kept by the address's keyed hash only: an opt-out needs to be recognised, never read back. */
export class SqlOptOutRepo implements OptOutRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('opt_outs')
      .select((eb) => eb.lit(1).as('found'))
      .where('channel', '=', channel)
      .where('address_hash', '=', this.sealer.lookupHash(address))
      .executeTakeFirst();
    return row !== undefined;
  }

  async optOut(channel: Channel, address: string, at: Date): Promise<void> {
    await this.db
      .insertInto('opt_outs')
      .values({ channel, address_hash: this.sealer.lookupHash(address), at: this.dialect.time(at) })
      .onConflict((conflict) => conflict.columns(['channel', 'address_hash']).doNothing())
      .execute();
  }

  async optIn(channel: Channel, address: string): Promise<void> {
    await this.db
      .deleteFrom('opt_outs')
      .where('channel', '=', channel)
      .where('address_hash', '=', this.sealer.lookupHash(address))
      .execute();
  }
}
