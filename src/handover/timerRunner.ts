/**
 * Runs the persisted timers. Every instance polls; `claimDue` hands each due row to exactly one of
 * them. A timer's follow-up (the next wait update, the queue change) is written in the same locked
 * transaction that decides on it, so a crash loses at most one message to the person, never the chain.
 *
 * Retention is not a row: it is idempotent, so each instance simply runs it when it starts and then
 * once a day by its clock. A row would pile up one per start, as the port cannot ask whether one exists.
 */
import type { Logger } from 'pino';
import type { ConversationEngine } from '../conversation/conversationEngine.js';
import { createLeasedJobRunner, type LeasedJobRunner } from '../jobs/leasedJobRunner.js';
import { errorSummary } from '../logging/errorSummary.js';
import type { HandoverRecord, Store, TimerRecord } from '../storage/ports.js';
import type { ConversationOutbox } from './conversationOutbox.js';
import {
  MENTOR_LOST_TIMER,
  mentorLostPayloadSchema,
  scheduleWaitUpdate,
  WAIT_UPDATE_TIMER,
  waitUpdatePayloadSchema,
} from './handoverTimers.js';
import type { HandoverTimings } from './handoverTimings.js';
import { withLockedHandover } from './lockedHandover.js';
import type { MentorEventBus } from './mentorEvents.js';
import { applyRetention } from './retention.js';
import { estimateWait } from './waitEstimate.js';

export interface TimerRunnerDeps {
  store: Store;
  engine: ConversationEngine;
  events: MentorEventBus;
  outbox: ConversationOutbox;
  clock: () => Date;
  timings: HandoverTimings;
  retentionDays: number;
  /** AUDIT_RETENTION_DAYS (default 365) */
  auditRetentionDays?: number;
  logger: Logger;
  /** real time between polls; the due times themselves follow `clock` */
  pollIntervalMs?: number;
}

/**
 * runDue() runs every timer due by `clock()` now (and retention when its day has come) and returns how
 * many timers ran; stop() puts claimed timers not yet run back
 */
export type TimerRunner = LeasedJobRunner;

const BATCH_SIZE = 50;
const RETENTION_EVERY_MS = 24 * 3_600_000;

export function createTimerRunner(deps: TimerRunnerDeps): TimerRunner {
  const { store, engine, events, outbox, clock, timings, retentionDays, auditRetentionDays, logger } = deps;
  let nextRetentionAt = clock().getTime();

  /** gives claimed timers back to the schedule, for whichever instance polls next */
  async function release(timers: TimerRecord[]): Promise<void> {
    if (timers.length === 0) return;
    await store.transaction(null, async (uow) => {
      for (const { kind, conversationId, dueAt, payload } of timers) {
        await uow.timers.schedule({ kind, conversationId, dueAt, payload });
      }
    });
    logger.info({ event: 'timers.released', count: timers.length }, 'claimed timers released at shutdown');
  }

  async function runRetentionIfDue(now: Date): Promise<void> {
    if (now.getTime() < nextRetentionAt) return;
    const deleted = await applyRetention(store, now, retentionDays, auditRetentionDays);
    nextRetentionAt = now.getTime() + RETENTION_EVERY_MS;
    logger.info({ event: 'retention', ...deleted, retentionDays }, 'retention applied');
  }

  async function waitUpdate(timer: TimerRecord, now: Date): Promise<void> {
    const payload = waitUpdatePayloadSchema.safeParse(timer.payload);
    if (!payload.success) return logger.warn({ timerId: timer.id }, 'wait update timer without a handover');
    const result = await withLockedHandover(store, payload.data.handoverId, async (uow, handover) => {
      if (handover.status !== 'waiting') return undefined;
      const position = await uow.handovers.queuePosition(handover.id);
      if (position === undefined) return undefined;
      await scheduleWaitUpdate(uow, handover, now, timings);
      return { position, waitMinutes: await estimateWait(uow, handover, position, now, timings) };
    });
    if (!result.found || !result.value) return;
    const { position, waitMinutes } = result.value;
    const conversationId = timer.conversationId;
    if (conversationId === null) return;
    outbox.enqueue(conversationId, async () => {
      await engine.dispatch(conversationId, { type: 'handover.waitUpdate', position, waitMinutes });
    });
  }

  /** The mentor has not been seen for the whole grace period: back to the queue, where they had been. */
  async function mentorLost(timer: TimerRecord, now: Date): Promise<void> {
    const payload = mentorLostPayloadSchema.safeParse(timer.payload);
    if (!payload.success) return logger.warn({ timerId: timer.id }, 'mentor-lost timer without a handover');
    const { handoverId, mentorId } = payload.data;
    const result = await withLockedHandover(store, handoverId, async (uow, handover) => {
      if (handover.status !== 'active' || handover.mentorId !== mentorId) return undefined;
      await uow.handovers.update(handover.id, { status: 'waiting', mentorId: null, acceptedAt: null });
      await scheduleWaitUpdate(uow, handover, now, timings);
      const requeued: HandoverRecord = { ...handover, status: 'waiting', mentorId: null, acceptedAt: null };
      return requeued;
    });
    if (!result.found || !result.value) return;
    const requeued = result.value;
    logger.warn({ event: 'handover.mentorLost', handoverId, mentorId }, 'mentor lost; handover back in the queue');
    await events.publish({
      type: 'handover.changed',
      handoverId,
      status: requeued.status,
      crisis: requeued.crisis,
    });
    outbox.enqueue(requeued.conversationId, async () => {
      await engine.dispatch(requeued.conversationId, { type: 'handover.mentorLost' });
    });
  }

  async function run(timer: TimerRecord, now: Date): Promise<void> {
    switch (timer.kind) {
      case WAIT_UPDATE_TIMER:
        return waitUpdate(timer, now);
      case MENTOR_LOST_TIMER:
        return mentorLost(timer, now);
      default:
        logger.warn({ timerId: timer.id, kind: timer.kind }, 'timer of an unknown kind dropped');
    }
  }

  return createLeasedJobRunner<TimerRecord>({
    name: 'timer',
    batchSize: BATCH_SIZE,
    clock,
    logger,
    pollIntervalMs: deps.pollIntervalMs ?? 1000,
    claimDue: (now, limit) => store.transaction(null, (uow) => uow.timers.claimDue(now, limit)),
    async work(timer, now) {
      try {
        await run(timer, now);
      } catch (error) {
        logger.error({ err: errorSummary(error), timerId: timer.id, kind: timer.kind }, 'timer failed');
      }
      return true;
    },
    beforeRun: runRetentionIfDue,
    release,
  });
}
