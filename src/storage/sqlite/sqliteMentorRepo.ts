import { randomUUID } from 'node:crypto';
import type { MentorAccount, MentorRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface MentorRow {
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
}

function toMentor(row: MentorRow): MentorAccount {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    createdAt: fromEpochMs(row.created_at),
  };
}

export class SqliteMentorRepo implements MentorRepo {
  constructor(private readonly sql: PreparedSql) {}

  /** throws when the username is taken (unique constraint) */
  async create(input: { username: string; passwordHash: string; now: Date }): Promise<MentorAccount> {
    const account: MentorAccount = {
      id: randomUUID(),
      username: input.username,
      passwordHash: input.passwordHash,
      createdAt: new Date(input.now),
    };
    this.sql('INSERT INTO mentors (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
      account.id,
      account.username,
      account.passwordHash,
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

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.sql('UPDATE mentors SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes > 0;
  }
}
