import type { ServerKeyRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresServerKeyRepo implements ServerKeyRepo {
  constructor(private readonly db: Queryable) {}

  async getOrCreate(name: string, candidate: string, now: Date): Promise<string> {
    await this.db.query(
      'INSERT INTO server_keys (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
      [name, candidate, now],
    );
    const result = await this.db.query<{ secret: string }>('SELECT secret FROM server_keys WHERE name = $1', [name]);
    const row = result.rows[0];
    if (!row) throw new Error(`The server key ${name} was neither stored nor found`);
    return row.secret;
  }
}
