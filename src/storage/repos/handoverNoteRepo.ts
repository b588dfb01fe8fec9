import type { StorageDialect } from '../database/storageDialect.js';
import type { StorageDb } from '../database/tables.js';
import type { HandoverNote, HandoverNoteRepo } from '../ports.js';

/** A warm transfer's note from one mentor to the next; only mentors see it, never the person. */
export class SqlHandoverNoteRepo implements HandoverNoteRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async add(note: Omit<HandoverNote, 'id'>): Promise<HandoverNote> {
    const row = await this.db
      .insertInto('handover_notes')
      .values({
        handover_id: note.handoverId,
        from_mentor: note.fromMentor,
        to_mentor: note.toMentor,
        text: note.text,
        at: this.dialect.time(note.at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...note, id: Number(row.id) };
  }

  async list(handoverId: string): Promise<HandoverNote[]> {
    const rows = await this.db
      .selectFrom('handover_notes')
      .selectAll()
      .where('handover_id', '=', handoverId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      handoverId: row.handover_id,
      fromMentor: row.from_mentor,
      toMentor: row.to_mentor,
      text: row.text,
      at: this.dialect.toDate(row.at),
    }));
  }
}
