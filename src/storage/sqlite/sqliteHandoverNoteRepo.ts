import type { HandoverNote, HandoverNoteRepo } from '../ports.js';
import { fromEpochMs, type PreparedSql } from './sqliteValues.js';

interface NoteRow {
  id: number;
  handover_id: string;
  from_mentor: string;
  to_mentor: string;
  text: string;
  at: number;
}

export class SqliteHandoverNoteRepo implements HandoverNoteRepo {
  constructor(private readonly sql: PreparedSql) {}

  async add(note: Omit<HandoverNote, 'id'>): Promise<HandoverNote> {
    const result = this.sql(
      'INSERT INTO handover_notes (handover_id, from_mentor, to_mentor, text, at) VALUES (?, ?, ?, ?, ?)',
    ).run(note.handoverId, note.fromMentor, note.toMentor, note.text, note.at.getTime());
    return { ...note, id: Number(result.lastInsertRowid) };
  }

  async list(handoverId: string): Promise<HandoverNote[]> {
    const rows = this.sql('SELECT * FROM handover_notes WHERE handover_id = ? ORDER BY id').all(
      handoverId,
    ) as NoteRow[];
    return rows.map((row) => ({
      id: row.id,
      handoverId: row.handover_id,
      fromMentor: row.from_mentor,
      toMentor: row.to_mentor,
      text: row.text,
      at: fromEpochMs(row.at),
    }));
  }
}
