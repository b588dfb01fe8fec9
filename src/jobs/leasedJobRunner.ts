/**
 * Works off jobs that are rows in the shared store (persisted timers, erasures at Twilio). Every
 * instance polls; the claim hands each due row to exactly one of them (taken out, or leased until
 * its lease runs out), so a job survives restarts and is never worked twice side by side. A run
 * claims batch after batch until one comes back short.
 */
import type { Logger } from 'pino';
import { errorSummary } from '../logging/errorSummary.js';

export interface LeasedJobRunner {
  /** works every job due by `clock()` now; returns how many counted as done */
  runDue(): Promise<number>;
  /** starts polling */
  start(): void;
  /** stops polling, claims no further batch and waits for the run in progress */
  stop(): Promise<void>;
}

export interface LeasedJobRunnerOptions<Job> {
  /** names the runner in log lines ("timer poll failed") */
  name: string;
  batchSize: number;
  clock: () => Date;
  logger: Logger;
  /** real time between polls; due times follow `clock` */
  pollIntervalMs: number;
  /** claims up to `limit` jobs due by `now` for this instance */
  claimDue(now: Date, limit: number): Promise<Job[]>;
  /** works one claimed job; resolves whether it counts as done */
  work(job: Job, now: Date): Promise<boolean>;
  /** runs before a run's first claim */
  beforeRun?(now: Date): Promise<void>;
  /** runs after a run with how many jobs counted as done */
  afterRun?(done: number): void;
  /**
   * Hands claimed jobs that were not worked back to the schedule. With it, stop() ends the run after
   * the job in progress; without it, the batch is finished (a leased job would wait out its lease).
   */
  release?(jobs: Job[]): Promise<void>;
}

export function createLeasedJobRunner<Job>(options: LeasedJobRunnerOptions<Job>): LeasedJobRunner {
  const { name, batchSize, clock, logger, claimDue, work, beforeRun, afterRun, release } = options;
  let poller: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);
  let stopping = false;

  async function workBatch(jobs: Job[], now: Date): Promise<number> {
    let done = 0;
    for (const [index, job] of jobs.entries()) {
      if (stopping && release) {
        await release(jobs.slice(index));
        break;
      }
      if (await work(job, now)) done += 1;
    }
    return done;
  }

  async function runAllDue(): Promise<number> {
    await beforeRun?.(clock());
    let done = 0;
    while (!stopping) {
      const now = clock();
      const jobs = await claimDue(now, batchSize);
      done += await workBatch(jobs, now);
      if (jobs.length < batchSize) break;
    }
    afterRun?.(done);
    return done;
  }

  const runner: LeasedJobRunner = {
    runDue() {
      // one run at a time: a test's runDue() and the poller never claim side by side
      running = running.catch(() => 0).then(runAllDue);
      return running;
    },
    start() {
      if (poller) return;
      poller = setInterval(() => {
        runner.runDue().catch((error: unknown) => logger.error({ err: errorSummary(error) }, `${name} poll failed`));
      }, options.pollIntervalMs);
      poller.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(poller);
      poller = undefined;
      await running.catch(() => 0);
    },
  };
  return runner;
}
