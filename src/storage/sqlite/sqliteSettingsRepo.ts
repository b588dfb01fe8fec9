import type { SettingRecord, SettingsRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

export class SqliteSettingsRepo implements SettingsRepo {
  constructor(private readonly sql: PreparedSql) {}

  async get(name: string): Promise<SettingRecord | undefined> {
    const row = this.sql('SELECT value, version, updated_at FROM settings WHERE name = ?').get(name) as
      | { value: string; version: number; updated_at: number }
      | undefined;
    return row && { value: row.value, version: row.version, updatedAt: fromEpochMs(row.updated_at) };
  }

  async put(name: string, value: string, at: Date): Promise<number> {
    const row = this.sql(
      `INSERT INTO settings (name, value, version, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, version = settings.version + 1,
         updated_at = excluded.updated_at
       RETURNING version`,
    ).get(name, value, at.getTime()) as { version: number };
    return row.version;
  }
}
