import type { Channel } from '../../domain/domain.js';
import { preparedQuery } from '../database/preparedQuery.js';
import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { OptOutRepo } from '../ports.js';
import type { AddressSealer } from '../sealing/addressSealer.js';

// asked on every turn: prepared (see preparedQuery.ts)
const findOptOut = preparedQuery((db, _dialect, values: { channel: Channel; addressHash: string }) =>
  db
    .selectFrom('opt_outs')
    .select((eb) => eb.lit(1).as('found'))
    .where('channel', '=', values.channel)
    .where('address_hash', '=', values.addressHash),
);

/** Kept by the address's keyed hash only: an opt-out needs to be recognised, never read back. */
export class SqlOptOutRepo implements OptOutRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
    private readonly sealer: AddressSealer,
  ) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    const row = await findOptOut.takeFirst(this.db, this.dialect, {
      channel,
      addressHash: this.sealer.lookupHash(address),
    });
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
