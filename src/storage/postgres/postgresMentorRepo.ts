import { randomUUID } from 'node:crypto';
import type { MentorAccount, MentorRepo, MentorRole } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type MentorRow = {
  id: string;
  username: string;
  password_hash: string;
  role: MentorRole;
  disabled: boolean;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
};

function toMentor(row: MentorRow): MentorAccount {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export class PostgresMentorRepo implements MentorRepo {
  constructor(private readonly db: Queryable) {}

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
    await this.db.query(
      `INSERT INTO mentors (id, username, password_hash, role, must_change_password, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [account.id, account.username, account.passwordHash, account.role, account.mustChangePassword, input.now],
    );
    return account;
  }

  async findByUsername(username: string): Promise<MentorAccount | undefined> {
    const { rows } = await this.db.query<MentorRow>('SELECT * FROM mentors WHERE username = $1', [username]);
    return rows[0] && toMentor(rows[0]);
  }

  async get(id: string): Promise<MentorAccount | undefined> {
    const { rows } = await this.db.query<MentorRow>('SELECT * FROM mentors WHERE id = $1', [id]);
    return rows[0] && toMentor(rows[0]);
  }

  async list(): Promise<MentorAccount[]> {
    // byte order, as SQLite sorts, whatever the database's collation
    const { rows } = await this.db.query<MentorRow>('SELECT * FROM mentors ORDER BY username COLLATE "C"');
    return rows.map(toMentor);
  }

  async remove(username: string): Promise<boolean> {
    const result = await this.db.query('DELETE FROM mentors WHERE username = $1', [username]);
    return (result.rowCount ?? 0) > 0;
  }

  async setPassword(username: string, passwordHash: string, mustChangePassword = false): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE mentors SET password_hash = $2, must_change_password = $3 WHERE username = $1',
      [username, passwordHash, mustChangePassword],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async setRole(username: string, role: MentorRole): Promise<boolean> {
    const result = await this.db.query('UPDATE mentors SET role = $2 WHERE username = $1', [username, role]);
    return (result.rowCount ?? 0) > 0;
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const result = await this.db.query('UPDATE mentors SET disabled = $2 WHERE username = $1', [username, disabled]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.db.query('UPDATE mentors SET last_login_at = $2 WHERE id = $1', [id, at]);
  }
}
