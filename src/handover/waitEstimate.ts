/**
 * An honest wait: a number of minutes only from what the queue has measured, otherwise none (the
 * person then hears their place in the queue and no minutes). Prefer no number to a wrong one.
 *
 * Minutes are given only when all of this holds:
 * - the person is not in crisis (they hear that they are first, never a number);
 * - there are at least as many free mentors on duty (seen at the console lately, not on a pause, with
 *   fewer than their most conversations) as the person's place in the queue, so that recent waits, the time
 *   mentors took to pick someone up, say something about this wait. With everyone busy, the wait
 *   depends on when a conversation ends, which nothing here knows;
 * - enough handovers were accepted lately to measure how long people waited.
 * Then the wait is the 75th percentile of those measured waits (most were taken within it), rounded
 * up to a round number.
 */
import type { HandoverRecord, UnitOfWork } from '../storage/ports.js';
import type { HandoverTimings } from './handoverTimings.js';

export interface WaitFacts {
  /** 1 for the first in line */
  position: number;
  crisis: boolean;
  /** mentors on duty now with room for another conversation */
  freeMentors: number;
  /** measured waits (queued → accepted) of recent ordinary handovers, in ms */
  recentWaitsMs: readonly number[];
}

/** fewer measured waits than this say too little */
export const MIN_MEASURED_WAITS = 3;
/** a longer estimate is not an estimate any more; say the place in the queue instead */
const MAX_ESTIMATE_MINUTES = 120;

/** Minutes to say, or null for "no estimate". */
export function estimateWaitMinutes(facts: WaitFacts): number | null {
  if (facts.crisis) return null;
  if (facts.freeMentors < Math.max(1, facts.position)) return null;
  if (facts.recentWaitsMs.length < MIN_MEASURED_WAITS) return null;
  const sorted = [...facts.recentWaitsMs].sort((a, b) => a - b);
  // nearest-rank 75th percentile
  const p75 = sorted[Math.ceil(0.75 * sorted.length) - 1] ?? 0;
  return roundWaitMinutes(p75 / 60_000);
}

/**
 * Rounded up, never down, and never to zero: 5-minute steps up to an hour, 15-minute steps after;
 * null beyond two hours. The copy says "about", and "a few minutes" for 5 or less.
 */
export function roundWaitMinutes(minutes: number): number | null {
  if (!Number.isFinite(minutes) || minutes < 0) return null;
  const step = minutes <= 60 ? 5 : 15;
  const rounded = Math.max(5, Math.ceil(minutes / step) * step);
  return rounded > MAX_ESTIMATE_MINUTES ? null : rounded;
}

/** What the queue knows right now, read in the caller's transaction, and the estimate from it. */
export async function estimateWait(
  uow: UnitOfWork,
  handover: Pick<HandoverRecord, 'crisis'>,
  position: number,
  now: Date,
  timings: HandoverTimings,
): Promise<number | null> {
  if (handover.crisis) return null;
  const freeMentors = await countFreeMentors(uow, now, timings);
  const recentWaitsMs = await recentWaits(uow, now, timings);
  return estimateWaitMinutes({ position, crisis: handover.crisis, freeMentors, recentWaitsMs });
}

/**
 * Mentors whose console was seen within the grace period (the heartbeat keeps a session's
 * `lastSeenAt` fresh), who are not on a pause (they are not offered anyone new), and who hold fewer
 * conversations than they may.
 */
async function countFreeMentors(uow: UnitOfWork, now: Date, timings: HandoverTimings): Promise<number> {
  const sessions = await uow.mentorSessions.listSeenSince(new Date(now.getTime() - timings.mentorGraceMs));
  const paused = new Set(await uow.mentorPauses.listPaused(now));
  const present = new Set(
    sessions
      .filter((session) => session.expiresAt > now && !paused.has(session.mentorId))
      .map((session) => session.mentorId),
  );
  if (present.size === 0) return 0;
  const held = new Map<string, number>();
  for (const handover of await uow.handovers.listByStatus(['active'])) {
    if (handover.mentorId) held.set(handover.mentorId, (held.get(handover.mentorId) ?? 0) + 1);
  }
  return [...present].filter((mentorId) => (held.get(mentorId) ?? 0) < timings.maxConversationsPerMentor).length;
}

/** queued → accepted of the latest ordinary handovers within the window (crisis ones jump the queue) */
async function recentWaits(uow: UnitOfWork, now: Date, timings: HandoverTimings): Promise<number[]> {
  const accepted = await uow.handovers.listAcceptedSince(
    new Date(now.getTime() - timings.waitSampleWindowMs),
    timings.waitSampleSize,
  );
  return accepted.flatMap((handover) =>
    !handover.crisis && handover.acceptedAt
      ? [Math.max(0, handover.acceptedAt.getTime() - handover.waitingSince.getTime())]
      : [],
  );
}
