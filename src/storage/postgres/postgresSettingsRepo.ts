import type { SettingRecord, SettingsRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

export class PostgresSettingsRepo implements SettingsRepo {
  constructor(private readonly db: Queryable) {}

  async get(name: string): Promise<SettingRecord | undefined> {
    const { rows } = await this.db.query<{ value: string; version: number; updated_at: Date }>(
      'SELECT value, version, updated_at FROM settings WHERE name = $1',
      [name],
    );
    const row = rows[0];
    return row && { value: row.value, version: row.version, updatedAt: row.updated_at };
  }

  async put(name: string, value: string, at: Date): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>(
      `INSERT INTO settings (name, value, version, updated_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, version = settings.version + 1,
         updated_at = excluded.updated_at
       RETURNING version`,
      [name, value, at],
    );
    const row = rows[0];
    if (!row) throw new Error(`The setting ${name} was not stored`);
    return row.version;
  }
}
