/**
 * The persisted timers of a handover (rows in the store, so they outlive the process): the kind
 * update for someone waiting, and the grace period after which a mentor who vanished gives their
 * person back to the queue.
 */
import { z } from 'zod';
import type { HandoverRecord, UnitOfWork } from '../storage/ports.js';
import type { HandoverTimings } from './handoverTimings.js';

export const WAIT_UPDATE_TIMER = 'handover.waitUpdate';
export const MENTOR_LOST_TIMER = 'handover.mentorLost';

export const waitUpdatePayloadSchema = z.object({ handoverId: z.string() });
export const mentorLostPayloadSchema = z.object({ handoverId: z.string(), mentorId: z.string() });

export async function scheduleWaitUpdate(
  uow: UnitOfWork,
  handover: Pick<HandoverRecord, 'id' | 'conversationId'>,
  now: Date,
  timings: HandoverTimings,
): Promise<void> {
  await uow.timers.cancel(handover.conversationId, WAIT_UPDATE_TIMER);
  await uow.timers.schedule({
    kind: WAIT_UPDATE_TIMER,
    conversationId: handover.conversationId,
    dueAt: new Date(now.getTime() + timings.waitUpdateIntervalMs),
    payload: { handoverId: handover.id } satisfies z.infer<typeof waitUpdatePayloadSchema>,
  });
}

/** (Re)starts the grace period: called on accept and whenever the mentor is seen. */
export async function scheduleMentorLost(
  uow: UnitOfWork,
  handover: Pick<HandoverRecord, 'id' | 'conversationId'>,
  mentorId: string,
  now: Date,
  timings: HandoverTimings,
): Promise<void> {
  await uow.timers.cancel(handover.conversationId, MENTOR_LOST_TIMER);
  await uow.timers.schedule({
    kind: MENTOR_LOST_TIMER,
    conversationId: handover.conversationId,
    dueAt: new Date(now.getTime() + timings.mentorGraceMs),
    payload: { handoverId: handover.id, mentorId } satisfies z.infer<typeof mentorLostPayloadSchema>,
  });
}

/** when a handover ends: no more updates, no more grace period */
export async function cancelHandoverTimers(uow: UnitOfWork, conversationId: string): Promise<void> {
  await uow.timers.cancel(conversationId, WAIT_UPDATE_TIMER);
  await uow.timers.cancel(conversationId, MENTOR_LOST_TIMER);
}
