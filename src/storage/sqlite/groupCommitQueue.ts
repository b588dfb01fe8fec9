/**
 * The one SQLite connection's queue, committing transactions in groups. Transactions still run one at
 * a time, in the order they were queued; but those queued while the event loop was busy run inside one
 * SQLite transaction (BEGIN IMMEDIATE … COMMIT), each in its own savepoint, and all are answered after
 * that one COMMIT. BEGIN and COMMIT (with the WAL work and checkpoints a commit does) were an eighth of
 * a turn's CPU under load; a group pays them once.
 *
 * What each transaction's caller sees is unchanged: its result only once its writes are committed; its
 * error with none of its own writes kept (its savepoint is rolled back, the others' writes stay); and
 * if the COMMIT itself fails, or SQLite rolls the whole transaction back on an error (a full disk),
 * every transaction in the group fails, since none of their writes were kept.
 */
import type Database from 'better-sqlite3';

interface Job {
  task: () => Promise<unknown>;
  /** runs outside any transaction (the health probe, closing) */
  alone: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** a bound on the wait a group adds to its first transaction's answer */
const MAX_GROUP_SIZE = 16;
const SAVEPOINT = 'grouped_transaction';

export class GroupCommitQueue {
  private readonly queued: Job[] = [];
  private draining = false;

  constructor(private readonly db: Database.Database) {}

  /** `work` inside a transaction, grouped with others queued by then */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.enqueue(work, false);
  }

  /** `task` on the connection with no transaction open, after everything queued before it */
  alone<T>(task: () => Promise<T>): Promise<T> {
    return this.enqueue(task, true);
  }

  private enqueue<T>(task: () => Promise<T>, alone: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ task, alone, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // after the I/O callbacks of this turn of the event loop, so requests that came in together queue together
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    let job = this.queued.shift();
    while (job) {
      if (job.alone) await this.runAlone(job);
      else await this.runGroup(job);
      job = this.queued.shift();
      // let the requests that came in meanwhile queue up before the next group starts
      if (job) await new Promise((resolve) => setImmediate(resolve));
    }
    this.draining = false;
  }

  private async runAlone(job: Job): Promise<void> {
    try {
      job.resolve(await job.task());
    } catch (error) {
      job.reject(error);
    }
  }

  private async runGroup(first: Job): Promise<void> {
    /** the transactions whose writes await the COMMIT, with their answers */
    const held: Array<{ job: Job; result: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (let job: Job | undefined = first; job; job = this.nextInGroup(held.length)) {
        const result = await this.runInGroup(job, held.length > 0);
        if (result.ok) held.push({ job, result: result.value });
        // the first failed (and was rolled back with the whole transaction): the rest make a new group
        else if (held.length === 0) return;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      // BEGIN or COMMIT failed, or SQLite ended the transaction itself: none of the group's writes were kept
      this.rollBackIfOpen();
      // (a transaction that already has its answer keeps it: a promise settles once)
      first.reject(error);
      for (const { job } of held) job.reject(error);
      return;
    }
    for (const { job, result } of held) job.resolve(result);
  }

  /**
   * One transaction of the group; the first needs no savepoint: when it fails, rolling back the
   * whole transaction undoes only its writes. Throws when the group cannot go on.
   */
  private async runInGroup(job: Job, inSavepoint: boolean): Promise<{ ok: true; value: unknown } | { ok: false }> {
    try {
      if (inSavepoint) this.db.exec(`SAVEPOINT ${SAVEPOINT}`);
      const value = await job.task();
      if (inSavepoint) this.db.exec(`RELEASE ${SAVEPOINT}`);
      return { ok: true, value };
    } catch (error) {
      job.reject(error);
      if (!this.db.inTransaction) throw error;
      if (inSavepoint) {
        this.db.exec(`ROLLBACK TO ${SAVEPOINT}`);
        this.db.exec(`RELEASE ${SAVEPOINT}`);
      } else {
        this.db.exec('ROLLBACK');
      }
      return { ok: false };
    }
  }

  private rollBackIfOpen(): void {
    if (!this.db.inTransaction) return;
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // the connection itself failed; the next BEGIN reports it to its transaction
    }
  }

  private nextInGroup(size: number): Job | undefined {
    const next = this.queued[0];
    if (!next || next.alone || size >= MAX_GROUP_SIZE) return undefined;
    return this.queued.shift();
  }
}
