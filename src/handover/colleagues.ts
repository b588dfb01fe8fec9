/**
 * Who a mentor can hand a conversation to (a warm transfer, issue 13 point 4): the other accounts that
 * can take one now, with what a colleague may see of each other: at the console or not, on a pause or
 * not, and how many conversations they have of the most they may have. Nothing a coordinator alone
 * sees (no roles, no last logins, no disabled accounts) and nothing of any conversation.
 */
import type { UnitOfWork } from '../storage/ports.js';

export interface ColleagueView {
  username: string;
  /** seen at the console within the grace period */
  online: boolean;
  /** on a pause after a hard conversation: not offered anyone new */
  paused: boolean;
  /** the conversations they have now */
  conversations: number;
  /** MENTOR_MAX_CONVERSATIONS */
  maxConversations: number;
}

export interface ColleagueFacts {
  now: Date;
  /** the mentor asking, left out of the list */
  mentorId: string;
  /** how long a console may be out of sight and still count as there (HandoverTimings.mentorGraceMs) */
  graceMs: number;
  maxConversations: number;
}

/**
 * Every enabled account but the asking mentor's, those at the console first, then by name. An account
 * still on its one-time password is left out: it cannot open a conversation until its own password is chosen.
 */
export async function listColleagues(uow: UnitOfWork, facts: ColleagueFacts): Promise<ColleagueView[]> {
  const { now } = facts;
  const accounts = await uow.mentors.list();
  const online = await onlineMentorIds(uow, now, facts.graceMs);
  const paused = new Set(await uow.mentorPauses.listPaused(now));
  const held = new Map<string, number>();
  for (const handover of await uow.handovers.listByStatus(['active'])) {
    if (handover.mentorId) held.set(handover.mentorId, (held.get(handover.mentorId) ?? 0) + 1);
  }
  return accounts
    .filter((account) => account.id !== facts.mentorId && !account.disabled && !account.mustChangePassword)
    .map((account) => ({
      username: account.username,
      online: online.has(account.id),
      paused: paused.has(account.id),
      conversations: held.get(account.id) ?? 0,
      maxConversations: facts.maxConversations,
    }))
    .sort((a, b) => Number(b.online) - Number(a.online) || a.username.localeCompare(b.username));
}

/** the accounts with a live session seen at the console within the grace period */
async function onlineMentorIds(uow: UnitOfWork, now: Date, graceMs: number): Promise<Set<string>> {
  const sessions = await uow.mentorSessions.listSeenSince(new Date(now.getTime() - graceMs));
  return new Set(sessions.filter((session) => session.expiresAt > now).map((session) => session.mentorId));
}

/**
 * On duty: at the console (what the colleagues list calls online) and not on a pause, so the one a
 * coordinator gives a waiting person to is there to answer.
 */
export async function isOnDuty(uow: UnitOfWork, mentorId: string, now: Date, graceMs: number): Promise<boolean> {
  if (!(await onlineMentorIds(uow, now, graceMs)).has(mentorId)) return false;
  return !(await uow.mentorPauses.listPaused(now)).includes(mentorId);
}
