import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLeasedJobRunner, type LeasedJobRunnerOptions } from '../../src/jobs/leasedJobRunner.js';

/** a queue of numbered jobs; claiming takes them out, as the timers' claim does */
function jobQueue(count: number) {
  const due = Array.from({ length: count }, (_, index) => index);
  return {
    due,
    claimDue: async (_now: Date, limit: number) => due.splice(0, limit),
  };
}

function runnerOptions(overrides: Partial<LeasedJobRunnerOptions<number>>): LeasedJobRunnerOptions<number> {
  const queue = jobQueue(0);
  return {
    name: 'test',
    batchSize: 3,
    clock: () => new Date('2026-03-02T10:00:00Z'),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 60_000,
    claimDue: queue.claimDue,
    work: async () => true,
    ...overrides,
  };
}

describe('the leased job runner', () => {
  it('claims batch after batch until one comes back short, and counts what work() calls done', async () => {
    const queue = jobQueue(7);
    const claims: number[] = [];
    const runner = createLeasedJobRunner(
      runnerOptions({
        claimDue: async (now, limit) => {
          const jobs = await queue.claimDue(now, limit);
          claims.push(jobs.length);
          return jobs;
        },
        work: async (job) => job % 2 === 0,
      }),
    );
    expect(await runner.runDue()).toBe(4);
    expect(claims).toEqual([3, 3, 1]);
    expect(queue.due).toEqual([]);
  });

  it('runs one run at a time, however often runDue() is called', async () => {
    const queue = jobQueue(4);
    let working = 0;
    let mostAtOnce = 0;
    const runner = createLeasedJobRunner(
      runnerOptions({
        claimDue: queue.claimDue,
        work: async () => {
          working += 1;
          mostAtOnce = Math.max(mostAtOnce, working);
          await new Promise((resolve) => setImmediate(resolve));
          working -= 1;
          return true;
        },
      }),
    );
    const counts = await Promise.all([runner.runDue(), runner.runDue(), runner.runDue()]);
    expect(counts).toEqual([4, 0, 0]);
    expect(mostAtOnce).toBe(1);
  });

  it('at stop, hands the claimed jobs not yet worked back when it can release them', async () => {
    const queue = jobQueue(3);
    const released: number[][] = [];
    const worked: number[] = [];
    let stopped: Promise<void> | undefined;
    const runner = createLeasedJobRunner(
      runnerOptions({
        claimDue: queue.claimDue,
        work: async (job) => {
          worked.push(job);
          stopped ??= runner.stop();
          return true;
        },
        release: async (jobs) => {
          released.push(jobs);
        },
      }),
    );
    expect(await runner.runDue()).toBe(1);
    await stopped;
    expect(worked).toEqual([0]);
    expect(released).toEqual([[1, 2]]);
  });

  it('at stop, finishes the batch in hand but claims no further one when it cannot release', async () => {
    const queue = jobQueue(5);
    let stopped: Promise<void> | undefined;
    const runner = createLeasedJobRunner(
      runnerOptions({
        claimDue: queue.claimDue,
        work: async () => {
          stopped ??= runner.stop();
          return true;
        },
      }),
    );
    expect(await runner.runDue()).toBe(3);
    await stopped;
    expect(queue.due).toEqual([3, 4]);
  });

  it('runs beforeRun first and afterRun with the count', async () => {
    const queue = jobQueue(2);
    const steps: string[] = [];
    const runner = createLeasedJobRunner(
      runnerOptions({
        claimDue: queue.claimDue,
        beforeRun: async () => {
          steps.push('before');
        },
        work: async (job) => {
          steps.push(`job ${job}`);
          return true;
        },
        afterRun: (done) => steps.push(`after ${done}`),
      }),
    );
    await runner.runDue();
    expect(steps).toEqual(['before', 'job 0', 'job 1', 'after 2']);
  });
});
