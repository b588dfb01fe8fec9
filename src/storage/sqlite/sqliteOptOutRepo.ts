import type { Channel } from '../../conversation/domain.js';
import type { OptOutRepo } from '../ports.js';
import type { PreparedSql } from './sqliteValues.js';

export class SqliteOptOutRepo implements OptOutRepo {
  constructor(private readonly sql: PreparedSql) {}

  async isOptedOut(channel: Channel, address: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM opt_outs WHERE channel = ? AND address = ?').get(channel, address) !== undefined;
  }

  async optOut(channel: Channel, address: string, at: Date): Promise<void> {
    this.sql(
      'INSERT INTO opt_outs (channel, address, at) VALUES (?, ?, ?) ON CONFLICT (channel, address) DO NOTHING',
    ).run(channel, address, at.getTime());
  }

  async optIn(channel: Channel, address: string): Promise<void> {
    this.sql('DELETE FROM opt_outs WHERE channel = ? AND address = ?').run(channel, address);
  }
}
