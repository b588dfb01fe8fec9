/**
 * Writes whose result nobody reads (the bot's transcript rows, the conversation's new snapshot, the
 * hour's counters, the dedupe row, the Twilio sids), held back and sent together as one statement just before the
 * transaction's next query or its COMMIT. On PostgreSQL every statement is a round trip to the
 * server, and a turn ends with several such writes; joined as data-modifying WITH clauses they cost
 * one.
 *
 * What a caller sees is unchanged: the writes reach the database before anything the transaction
 * reads later (which would otherwise not see them), and a write that fails fails the transaction at
 * the next query or the COMMIT, so the transaction keeps nothing. What PostgreSQL asks of one
 * statement is kept too: its parts run in no set order on one snapshot and must not change a row
 * twice, so they write different tables (a second write to a table already held back sends the
 * first ones before it is held), except plain inserts, which only add rows (the person's message and
 * the bot's answers), and no held write may count on seeing what another wrote (the Twilio pair is
 * written to decide, both, on what was there before either; twilioMessageRepo.ts).
 */
import type { QueryResult, QueryResultRow } from 'pg';

export type SendQuery = (text: string, parameters: ReadonlyArray<unknown>) => Promise<QueryResult<QueryResultRow>>;

interface HeldWrite {
  table: string;
  /** an INSERT without ON CONFLICT: it adds rows and changes none, so it may share its table */
  plainInsert: boolean;
  text: string;
  parameters: ReadonlyArray<unknown>;
}

/** the table a single INSERT, UPDATE or DELETE writes, as Kysely writes it */
const WRITTEN_TABLE = /^(?:insert into|update|delete from) "([a-z_]+)"/;
const PLAIN_INSERT = /^insert into (?!.*\bon conflict\b)/is;

export class WriteBehind {
  private held: HeldWrite[] = [];

  constructor(private readonly send: SendQuery) {}

  /** holds the write back when it can be joined with others; otherwise sends what is held and then it */
  async write(text: string, parameters: ReadonlyArray<unknown>): Promise<void> {
    const table = WRITTEN_TABLE.exec(text)?.[1];
    // a quoted literal could hold a "$1" that renumbering would change: such a write goes alone
    if (table === undefined || text.includes("'") || /\breturning\b/i.test(text)) {
      await this.query(text, parameters);
      return;
    }
    const plainInsert = PLAIN_INSERT.test(text);
    if (this.held.some((write) => write.table === table && !(plainInsert && write.plainInsert))) await this.flush();
    this.held.push({ table, plainInsert, text, parameters });
  }

  /** any other query: what is held goes first, so that the query sees it */
  async query(text: string, parameters: ReadonlyArray<unknown>): Promise<QueryResult<QueryResultRow>> {
    await this.flush();
    return this.send(text, parameters);
  }

  /** sends what is held, as one statement; before COMMIT */
  async flush(): Promise<void> {
    const writes = this.held;
    if (writes.length === 0) return;
    this.held = [];
    const [only] = writes;
    if (writes.length === 1 && only) {
      await this.send(only.text, only.parameters);
      return;
    }
    await this.send(...joined(writes));
  }

  /** the transaction rolled back: what is held must not reach the connection's next transaction */
  discard(): void {
    this.held = [];
  }
}

/** `WITH write_1 AS (…), write_2 AS (…) SELECT 1`, each write's $n moved past the ones before it */
function joined(writes: readonly HeldWrite[]): [string, unknown[]] {
  const parameters: unknown[] = [];
  const clauses = writes.map((write, index) => {
    const offset = parameters.length;
    parameters.push(...write.parameters);
    const text = write.text.replace(/\$(\d+)/g, (_, number: string) => `$${Number(number) + offset}`);
    return `write_${index + 1} as (${text})`;
  });
  return [`with ${clauses.join(', ')} select 1`, parameters];
}
