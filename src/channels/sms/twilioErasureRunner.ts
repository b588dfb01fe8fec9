/**
 * Deletes at Twilio what the helpline erased here (SLETT, retention): each message's media, then the
 * message record, through twilio's own REST client. The jobs are rows (twilio_erasures), so they
 * survive restarts; each is leased to one instance at a time (PostgreSQL: SKIP LOCKED), and a job
 * whose instance died is taken up again when its lease runs out. A failure is tried again with a
 * growing wait, for as long as it takes: Twilio confirming (2xx, or 404: already gone) ends a job.
 */
import type { Logger } from 'pino';
import { createLeasedJobRunner, type LeasedJobRunner } from '../../jobs/leasedJobRunner.js';
import { errorSummary } from '../../logging/errorSummary.js';
import type { Store, TwilioErasure } from '../../storage/ports.js';
import { createTwilioClient, type TwilioCredentials } from './twilioRestClient.js';

export interface TwilioMessageDeleter {
  /** resolves when Twilio confirmed that the message and its media are gone */
  deleteMessage(messageSid: string, mediaSids: string[]): Promise<void>;
}

export function createTwilioMessageDeleter(credentials: TwilioCredentials): TwilioMessageDeleter {
  const client = createTwilioClient(credentials);
  return {
    async deleteMessage(messageSid, mediaSids) {
      // media first: once the message is gone, its media can no longer be named through it
      for (const mediaSid of mediaSids) await goneAtTwilio(() => client.messages(messageSid).media(mediaSid).remove());
      await goneAtTwilio(() => client.messages(messageSid).remove());
    },
  };
}

async function goneAtTwilio(remove: () => Promise<boolean>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 404) return;
    throw error;
  }
}

/** works off every job due by `clock()` now; runDue() returns how many Twilio confirmed */
export type TwilioErasureRunner = LeasedJobRunner;

export interface TwilioErasureRunnerDeps {
  store: Store;
  deleter: TwilioMessageDeleter;
  clock: () => Date;
  logger: Logger;
  /** real time between polls; due times follow `clock` */
  pollIntervalMs?: number;
}

const BATCH_SIZE = 20;
/** longer than a request to Twilio may take (the client gives up after 10 s) */
export const ERASURE_LEASE_MS = 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;

/** 30 s, 1 min, 2 min, … up to an hour between attempts */
export function erasureRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export function createTwilioErasureRunner(deps: TwilioErasureRunnerDeps): TwilioErasureRunner {
  const { store, deleter, clock, logger } = deps;

  async function erase(job: TwilioErasure): Promise<boolean> {
    try {
      await deleter.deleteMessage(job.messageSid, job.mediaSids);
    } catch (error) {
      const attempts = job.attempts + 1;
      const retryAt = new Date(clock().getTime() + erasureRetryDelayMs(attempts));
      await store.transaction(null, (uow) => uow.twilioMessages.retryErasure(job.messageSid, attempts, retryAt));
      logger.warn({ err: errorSummary(error), attempts }, 'deleting a message at Twilio failed; will try again');
      return false;
    }
    await store.transaction(null, (uow) => uow.twilioMessages.completeErasure(job.messageSid));
    return true;
  }

  return createLeasedJobRunner({
    name: 'erasure',
    batchSize: BATCH_SIZE,
    clock,
    logger,
    pollIntervalMs: deps.pollIntervalMs ?? 5000,
    claimDue: (now, limit) =>
      store.transaction(null, (uow) =>
        uow.twilioMessages.claimDueErasures(now, new Date(now.getTime() + ERASURE_LEASE_MS), limit),
      ),
    work: erase,
    afterRun(confirmed) {
      if (confirmed > 0) logger.info({ event: 'twilio.erased', messages: confirmed }, 'messages deleted at Twilio');
    },
  });
}
