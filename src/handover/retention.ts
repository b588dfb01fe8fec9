/**
 * RETENTION_DAYS: conversations nobody has written in for that long go, with their transcripts,
 * handovers, timers and dedupe rows (the store cascades), and so do expired mentor sessions and the
 * "Mener du …?" example candidates (with their masked texts) picked before the cutoff.
 * Opt-outs stay: a STOPP must be honoured for as long as the number exists.
 */
import type { Store } from '../storage/ports.js';

const DAY_MS = 24 * 3_600_000;

export interface RetentionResult {
  conversations: number;
  sessions: number;
  exampleCandidates: number;
}

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export function applyRetention(store: Store, now: Date, retentionDays: number): Promise<RetentionResult> {
  return store.transaction(null, async (uow) => ({
    conversations: await uow.conversations.deleteInactiveBefore(retentionCutoff(now, retentionDays)),
    sessions: await uow.mentorSessions.deleteExpired(now),
    exampleCandidates: await uow.exampleCandidates.deleteBefore(retentionCutoff(now, retentionDays)),
  }));
}
