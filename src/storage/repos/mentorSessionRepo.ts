import type { Selectable } from 'kysely';
import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { MentorSessionsTable, StorageDb } from '../database/tables.js';
import type { MentorSession, MentorSessionRepo } from '../ports.js';

export class SqlMentorSessionRepo implements MentorSessionRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async create(session: MentorSession): Promise<void> {
    await this.db
      .insertInto('mentor_sessions')
      .values({
        token_hash: session.tokenHash,
        mentor_id: session.mentorId,
        expires_at: this.dialect.time(session.expiresAt),
        last_seen_at: this.dialect.time(session.lastSeenAt),
      })
      .execute();
  }

  async get(tokenHash: string): Promise<MentorSession | undefined> {
    const row = await this.db
      .selectFrom('mentor_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && this.toSession(row);
  }

  async touch(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('mentor_sessions')
      .set({ last_seen_at: this.dialect.time(lastSeenAt), expires_at: this.dialect.time(expiresAt) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('mentor_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('mentor_sessions')
      .where('expires_at', '<=', this.dialect.time(now))
      .executeTakeFirstOrThrow();
    return affectedRows(result);
  }

  async deleteByMentor(mentorId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('mentor_sessions')
      .where('mentor_id', '=', mentorId)
      .executeTakeFirstOrThrow();
    return affectedRows(result);
  }

  async listSeenSince(since: Date): Promise<MentorSession[]> {
    const rows = await this.db
      .selectFrom('mentor_sessions')
      .selectAll()
      .where('last_seen_at', '>=', this.dialect.time(since))
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((row) => this.toSession(row));
  }

  private toSession(row: Selectable<MentorSessionsTable>): MentorSession {
    return {
      tokenHash: row.token_hash,
      mentorId: row.mentor_id,
      expiresAt: this.dialect.toDate(row.expires_at),
      lastSeenAt: this.dialect.toDate(row.last_seen_at),
    };
  }
}
