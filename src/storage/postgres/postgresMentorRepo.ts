import { randomUUID } from 'node:crypto';
import type { MentorAccount, MentorRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type MentorRow = {
  id: string;
  username: string;
  password_hash: string;
  created_at: Date;
};

function toMentor(row: MentorRow): MentorAccount {
  return { id: row.id, username: row.username, passwordHash: row.password_hash, createdAt: row.created_at };
}

export class PostgresMentorRepo implements MentorRepo {
  constructor(private readonly db: Queryable) {}

  /** throws when the username is taken (unique constraint) */
  async create(input: { username: string; passwordHash: string; now: Date }): Promise<MentorAccount> {
    const account: MentorAccount = {
      id: randomUUID(),
      username: input.username,
      passwordHash: input.passwordHash,
      createdAt: new Date(input.now),
    };
    await this.db.query('INSERT INTO mentors (id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)', [
      account.id,
      account.username,
      account.passwordHash,
      input.now,
    ]);
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

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    const result = await this.db.query('UPDATE mentors SET password_hash = $2 WHERE username = $1', [
      username,
      passwordHash,
    ]);
    return (result.rowCount ?? 0) > 0;
  }
}
