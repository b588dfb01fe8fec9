import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { SettingRecord, SettingsRepo } from '../ports.js';

/** Named settings a coordinator saves (e.g. the opening hours); each save raises the version. */
export class SqlSettingsRepo implements SettingsRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async get(name: string): Promise<SettingRecord | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select(['value', 'version', 'updated_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row && { value: row.value, version: row.version, updatedAt: this.dialect.toDate(row.updated_at) };
  }

  async put(name: string, value: string, at: Date): Promise<number> {
    const row = await this.db
      .insertInto('settings')
      .values({ name, value, version: 1, updated_at: this.dialect.time(at) })
      .onConflict((conflict) =>
        conflict.column('name').doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          version: eb('settings.version', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning('version')
      .executeTakeFirstOrThrow(() => new Error(`The setting ${name} was not stored`));
    return row.version;
  }
}
