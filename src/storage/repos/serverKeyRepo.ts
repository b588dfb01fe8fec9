import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { ServerKeyRepo } from '../ports.js';

/** The first instance to start stores its candidate; every later one reads that secret back. */
export class SqlServerKeyRepo implements ServerKeyRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async getOrCreate(name: string, candidate: string, now: Date): Promise<string> {
    await this.db
      .insertInto('server_keys')
      .values({ name, secret: candidate, created_at: this.dialect.time(now) })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('server_keys')
      .select('secret')
      .where('name', '=', name)
      .executeTakeFirstOrThrow(() => new Error(`The server key ${name} was neither stored nor found`));
    return row.secret;
  }
}
