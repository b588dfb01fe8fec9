/**
 * RETENTION_DAYS: conversations nobody has written in for that long go, with their transcripts,
 * handovers, timers and dedupe rows (the store cascades), and so do expired mentor sessions and the
 * "Mener du …?" example candidates (with their masked texts) picked before the cutoff, and the
 * masked texts the bot did not understand (KEEP_UNANSWERED_SAMPLES), and the mentors' "I need to talk
 * this through" requests a coordinator saw that long ago (an open one stays until it is seen).
 * AUDIT_RETENTION_DAYS: audit log rows older than that go. Opt-outs stay: a STOPP must be honoured for as long as the number exists.
 * The anonymous statistics counters stay too: nothing in them belongs to a person.
 */
import type { Store } from '../storage/ports.js';

const DAY_MS = 24 * 3_600_000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export interface RetentionResult {
  conversations: number;
  sessions: number;
  exampleCandidates: number;
  unansweredSamples: number;
  supportRequests: number;
  auditRows: number;
}

export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export function applyRetention(
  store: Store,
  now: Date,
  retentionDays: number,
  auditRetentionDays: number = DEFAULT_AUDIT_RETENTION_DAYS,
): Promise<RetentionResult> {
  return store.transaction(null, async (uow) => ({
    conversations: await uow.conversations.deleteInactiveBefore(retentionCutoff(now, retentionDays)),
    sessions: await uow.mentorSessions.deleteExpired(now),
    exampleCandidates: await uow.exampleCandidates.deleteBefore(retentionCutoff(now, retentionDays)),
    unansweredSamples: await uow.unansweredSamples.deleteBefore(retentionCutoff(now, retentionDays)),
    supportRequests: await uow.supportRequests.deleteSeenBefore(retentionCutoff(now, retentionDays)),
    auditRows: await uow.auditLog.deleteBefore(retentionCutoff(now, auditRetentionDays)),
  }));
}
