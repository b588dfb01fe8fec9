import type { Channel } from '../../conversation/domain.js';
import type { OptOutRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresOptOutRepo implements OptOutRepo {
  constructor(private readonly db: Queryable) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    const result = await this.db.query('SELECT 1 FROM opt_outs WHERE channel = $1 AND address = $2', [
      channel,
      address,
    ]);
    return result.rows.length > 0;
  }

  async optOut(channel: Channel, address: string, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO opt_outs (channel, address, at) VALUES ($1, $2, $3) ON CONFLICT (channel, address) DO NOTHING',
      [channel, address, at],
    );
  }

  async optIn(channel: Channel, address: string): Promise<void> {
    await this.db.query('DELETE FROM opt_outs WHERE channel = $1 AND address = $2', [channel, address]);
  }
}
