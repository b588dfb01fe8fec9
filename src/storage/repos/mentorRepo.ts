import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { affectedRows, type StorageDialect, toNullableDate } from '../database/storageDialect.js';
import type { MentorsTable, StorageDb } from '../database/tables.js';
import type { MentorAccount, MentorRepo, MentorRole } from '../ports.js';

export class SqlMentorRepo implements MentorRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async create(input: {
    username: string;
    passwordHash: string;
    /** default `mentor` */
    role?: MentorRole;
    mustChangePassword?: boolean;
    now: Date;
  }): Promise<MentorAccount> {
    const account: MentorAccount = {
      id: randomUUID(),
      username: input.username,
      passwordHash: input.passwordHash,
      role: input.role ?? 'mentor',
      disabled: false,
      mustChangePassword: input.mustChangePassword ?? false,
      lastLoginAt: null,
      createdAt: new Date(input.now),
    };
    await this.db
      .insertInto('mentors')
      .values({
        id: account.id,
        username: account.username,
        password_hash: account.passwordHash,
        role: account.role,
        must_change_password: this.dialect.bool(account.mustChangePassword),
        created_at: this.dialect.time(input.now),
      })
      .execute();
    return account;
  }

  async findByUsername(username: string): Promise<MentorAccount | undefined> {
    const row = await this.db.selectFrom('mentors').selectAll().where('username', '=', username).executeTakeFirst();
    return row && this.toMentor(row);
  }

  async get(id: string): Promise<MentorAccount | undefined> {
    const row = await this.db.selectFrom('mentors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && this.toMentor(row);
  }

  async list(): Promise<MentorAccount[]> {
    const rows = await this.db
      .selectFrom('mentors')
      .selectAll()
      .orderBy(this.dialect.inByteOrder('username'))
      .execute();
    return rows.map((row) => this.toMentor(row));
  }

  async remove(username: string): Promise<boolean> {
    const result = await this.db.deleteFrom('mentors').where('username', '=', username).executeTakeFirstOrThrow();
    return affectedRows(result) > 0;
  }

  async setPassword(username: string, passwordHash: string, mustChangePassword = false): Promise<boolean> {
    return this.updateAccount(username, {
      password_hash: passwordHash,
      must_change_password: this.dialect.bool(mustChangePassword),
    });
  }

  async setRole(username: string, role: MentorRole): Promise<boolean> {
    return this.updateAccount(username, { role });
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.updateAccount(username, { disabled: this.dialect.bool(disabled) });
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('mentors')
      .set({ last_login_at: this.dialect.time(at) })
      .where('id', '=', id)
      .execute();
  }

  private async updateAccount(
    username: string,
    set: Pick<Partial<Selectable<MentorsTable>>, 'password_hash' | 'must_change_password' | 'role' | 'disabled'>,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('mentors')
      .set(set)
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return affectedRows(result) > 0;
  }

  private toMentor(row: Selectable<MentorsTable>): MentorAccount {
    const { dialect } = this;
    return {
      id: row.id,
      username: row.username,
      passwordHash: row.password_hash,
      role: row.role,
      disabled: dialect.toBoolean(row.disabled),
      mustChangePassword: dialect.toBoolean(row.must_change_password),
      lastLoginAt: toNullableDate(dialect, row.last_login_at),
      createdAt: dialect.toDate(row.created_at),
    };
  }
}
