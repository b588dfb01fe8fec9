import type { HandoverNote, HandoverNoteRepo } from '../ports.js';
import type { Queryable } from './postgresValues.js';

type NoteRow = {
  id: string;
  handover_id: string;
  from_mentor: string;
  to_mentor: string;
  text: string;
  at: Date;
};

export class PostgresHandoverNoteRepo implements HandoverNoteRepo {
  constructor(private readonly db: Queryable) {}

  async add(note: Omit<HandoverNote, 'id'>): Promise<HandoverNote> {
    const { rows } = await this.db.query<{ id: string }>(
      'INSERT INTO handover_notes (handover_id, from_mentor, to_mentor, text, at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [note.handoverId, note.fromMentor, note.toMentor, note.text, note.at],
    );
    return { ...note, id: Number(rows[0]?.id) };
  }

  async list(handoverId: string): Promise<HandoverNote[]> {
    const { rows } = await this.db.query<NoteRow>('SELECT * FROM handover_notes WHERE handover_id = $1 ORDER BY id', [
      handoverId,
    ]);
    return rows.map((row) => ({
      id: Number(row.id),
      handoverId: row.handover_id,
      fromMentor: row.from_mentor,
      toMentor: row.to_mentor,
      text: row.text,
      at: row.at,
    }));
  }
}
