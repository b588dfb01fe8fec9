import type { ServerKeyRepo } from '../ports.js';
import type { PreparedSql } from './sqliteValues.js';

export class SqliteServerKeyRepo implements ServerKeyRepo {
  constructor(private readonly sql: PreparedSql) {}

  async getOrCreate(name: string, candidate: string, now: Date): Promise<string> {
    this.sql('INSERT INTO server_keys (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run(
      name,
      candidate,
      now.getTime(),
    );
    const row = this.sql('SELECT secret FROM server_keys WHERE name = ?').get(name) as { secret: string };
    return row.secret;
  }
}
