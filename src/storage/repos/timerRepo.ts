import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { affectedRows, type StorageDialect } from '../database/storageDialect.js';
import type { StorageDb, TimersTable } from '../database/tables.js';
import type { TimerRecord, TimerRepo } from '../ports.js';

export class SqlTimerRepo implements TimerRepo {
  constructor(
    private readonly db: StorageDb,
    private readonly dialect: StorageDialect,
  ) {}

  async schedule(input: Omit<TimerRecord, 'id'>): Promise<TimerRecord> {
    const timer: TimerRecord = {
      ...input,
      id: randomUUID(),
      dueAt: new Date(input.dueAt),
      payload: input.payload ?? null,
    };
    await this.db
      .insertInto('timers')
      .values({
        id: timer.id,
        kind: timer.kind,
        conversation_id: timer.conversationId,
        due_at: this.dialect.time(timer.dueAt),
        payload: this.dialect.json(timer.payload),
      })
      .execute();
    return timer;
  }

  async claimDue(now: Date, limit: number): Promise<TimerRecord[]> {
    const rows = await this.db
      .deleteFrom('timers')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('timers')
          .select('id')
          .where('due_at', '<=', this.dialect.time(now))
          .orderBy('due_at')
          .orderBy('id')
          .limit(limit)
          // instances polling at once take disjoint rows instead of waiting for each other
          .$if(this.dialect.skipsLockedRows, (query) => query.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
    return rows.map((row) => this.toTimer(row)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  async cancel(conversationId: string, kind?: string): Promise<number> {
    let query = this.db.deleteFrom('timers').where('conversation_id', '=', conversationId);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    return affectedRows(await query.executeTakeFirstOrThrow());
  }

  private toTimer(row: Selectable<TimersTable>): TimerRecord {
    return {
      id: row.id,
      kind: row.kind,
      conversationId: row.conversation_id,
      dueAt: this.dialect.toDate(row.due_at),
      payload: this.dialect.fromJson(row.payload),
    };
  }
}
