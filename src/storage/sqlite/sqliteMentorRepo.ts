import { randomUUID } from 'node:crypto';
import type { MentorAccount, MentorRepo, MentorRole } from '../ports.js';
import { fromEpochMs, fromNullableEpochMs, type PreparedSql } from './sqliteValues.js';

interface MentorRow {
  id: string;
  username: string;
  password_hash: string;
  role: MentorRole;
  disabled: number;
  must_change_password: number;
  last_login_at: number | null;
  created_at: number;
}

function toMentor(row: MentorRow): MentorAccount {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: fromNullableEpochMs(row.last_login_at),
    createdAt: fromEpochMs(row.created_at),
  };
}

export class SqliteMentorRepo implements MentorRepo {
  constructor(private readonly sql: PreparedSql) {}

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
    this.sql(
      `INSERT INTO mentors (id, username, password_hash, role, must_change_password, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      account.id,
      account.username,
      account.passwordHash,
      account.role,
      account.mustChangePassword ? 1 : 0,
      input.now.getTime(),
    );
    return account;
  }

  async findByUsername(username: string): Promise<MentorAccount | undefined> {
    const row = this.sql('SELECT * FROM mentors WHERE username = ?').get(username) as MentorRow | undefined;
    return row && toMentor(row);
  }

  async get(id: string): Promise<MentorAccount | undefined> {
    const row = this.sql('SELECT * FROM mentors WHERE id = ?').get(id) as MentorRow | undefined;
    return row && toMentor(row);
  }

  async list(): Promise<MentorAccount[]> {
    return (this.sql('SELECT * FROM mentors ORDER BY username').all() as MentorRow[]).map(toMentor);
  }

  async remove(username: string): Promise<boolean> {
    return this.sql('DELETE FROM mentors WHERE username = ?').run(username).changes > 0;
  }

  async setPassword(username: string, passwordHash: string, mustChangePassword = false): Promise<boolean> {
    return (
      this.sql('UPDATE mentors SET password_hash = ?, must_change_password = ? WHERE username = ?').run(
        passwordHash,
        mustChangePassword ? 1 : 0,
        username,
      ).changes > 0
    );
  }

  async setRole(username: string, role: MentorRole): Promise<boolean> {
    return this.sql('UPDATE mentors SET role = ? WHERE username = ?').run(role, username).changes > 0;
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    return this.sql('UPDATE mentors SET disabled = ? WHERE username = ?').run(disabled ? 1 : 0, username).changes > 0;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    this.sql('UPDATE mentors SET last_login_at = ? WHERE id = ?').run(at.getTime(), id);
  }
}
