/**
 * Mentor accounts: add, list, remove and change password, over the MentorRepo port. A new password
 * ends the account's open sessions.
 * Hashing happens before the transaction so that the database is never held for a quarter second.
 */
import { z } from 'zod';
import { MENTOR_ROLES, type MentorAccount, type MentorRole, type Store } from '../storage/ports.js';
import type { Clock } from './clock.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams } from './passwordHash.js';

/** 2–32 characters: a–z and digits, with `.`, `_`, `-` inside; stored lower-case. */
export const mentorUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])$/);

/** Long enough to resist guessing; the upper bound only stops absurd input. */
export const mentorPasswordSchema = z.string().min(10).max(200);

export const mentorRoleSchema = z.enum(MENTOR_ROLES);

export type MentorAccountErrorCode = 'invalid_username' | 'invalid_password' | 'username_taken' | 'not_found';

export type MentorAccountResult<T> = { ok: true; value: T } | { ok: false; code: MentorAccountErrorCode };

export interface MentorAccountSummary {
  id: string;
  username: string;
  role: MentorRole;
  createdAt: Date;
}

export interface MentorAccounts {
  /** role: `mentor` unless told */
  add(username: string, password: string, role?: MentorRole): Promise<MentorAccountResult<MentorAccountSummary>>;
  list(): Promise<MentorAccountSummary[]>;
  remove(username: string): Promise<MentorAccountResult<null>>;
  passwd(username: string, password: string): Promise<MentorAccountResult<null>>;
}

export interface MentorAccountsDeps {
  store: Store;
  clock: Clock;
  scryptParams?: ScryptParams;
}

export function createMentorAccounts({
  store,
  clock,
  scryptParams = DEFAULT_SCRYPT_PARAMS,
}: MentorAccountsDeps): MentorAccounts {
  return {
    async add(rawUsername, password, role = 'mentor') {
      const checked = checkCredentials(rawUsername, password);
      if (!checked.ok) return checked;
      const { username } = checked.value;
      const passwordHash = await hashPassword(password, scryptParams);
      return store.transaction(lockKey(username), async (uow) => {
        if (await uow.mentors.findByUsername(username)) return { ok: false, code: 'username_taken' };
        const account = await uow.mentors.create({ username, passwordHash, role, now: clock() });
        return { ok: true, value: summarise(account) };
      });
    },

    async list() {
      const accounts = await store.transaction(null, (uow) => uow.mentors.list());
      return accounts.map(summarise).sort((a, b) => a.username.localeCompare(b.username));
    },

    async remove(rawUsername) {
      const username = mentorUsernameSchema.safeParse(rawUsername);
      if (!username.success) return { ok: false, code: 'not_found' };
      const removed = await store.transaction(lockKey(username.data), (uow) => uow.mentors.remove(username.data));
      return removed ? { ok: true, value: null } : { ok: false, code: 'not_found' };
    },

    async passwd(rawUsername, password) {
      const checked = checkCredentials(rawUsername, password);
      if (!checked.ok) return checked;
      const { username } = checked.value;
      const passwordHash = await hashPassword(password, scryptParams);
      // whoever knew the old password is logged out with it
      const changed = await store.transaction(lockKey(username), async (uow) => {
        const account = await uow.mentors.findByUsername(username);
        if (!account) return false;
        await uow.mentors.setPassword(username, passwordHash);
        await uow.mentorSessions.deleteByMentor(account.id);
        return true;
      });
      return changed ? { ok: true, value: null } : { ok: false, code: 'not_found' };
    },
  };
}

function checkCredentials(rawUsername: string, password: string): MentorAccountResult<{ username: string }> {
  const username = mentorUsernameSchema.safeParse(rawUsername);
  if (!username.success) return { ok: false, code: 'invalid_username' };
  if (!mentorPasswordSchema.safeParse(password).success) return { ok: false, code: 'invalid_password' };
  return { ok: true, value: { username: username.data } };
}

function lockKey(username: string): string {
  return `mentor:${username}`;
}

function summarise(account: MentorAccount): MentorAccountSummary {
  return { id: account.id, username: account.username, role: account.role, createdAt: account.createdAt };
}
