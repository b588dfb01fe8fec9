/**
 * The queue of people waiting for a mentor: crisis first, then whoever has waited longest
 * (HandoverRepo.listByStatus returns that order; HandoverRepo.queuePosition counts a place in it).
 * What a person hears of the wait: waitEstimate.ts.
 */
import type { HandoverRecord } from '../storage/ports.js';

export const NORMAL_PRIORITY = 0;
export const CRISIS_PRIORITY = 100;

export function priorityFor(crisis: boolean): number {
  return crisis ? CRISIS_PRIORITY : NORMAL_PRIORITY;
}

/** Queue order, for lists that did not come from the repository already sorted. */
export function compareQueueOrder(a: HandoverRecord, b: HandoverRecord): number {
  return b.priority - a.priority || a.waitingSince.getTime() - b.waitingSince.getTime() || a.id.localeCompare(b.id);
}
