/**
 * Mentor accounts: add, list, remove and change password, over the MentorRepo port; and what a
 * coordinator does in the browser: add with a one-time password, reset, disable and enable, change a
 * role. A new password or disabling ends the account's open sessions in the same transaction. The last
 * coordinator who can log in cannot be removed, disabled or made a mentor (`last_coordinator`): every
 * change that could take it away runs under one lock, so two coordinators cannot demote each other at once.
 * Hashing happens before the transaction so that the database is never held for a quarter second.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { MENTOR_ROLES, type MentorAccount, type MentorRole, type Store, type UnitOfWork } from '../storage/ports.js';
import type { Clock } from './clock.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, type ScryptParams, verifyPassword } from './passwordHash.js';

/** 2–32 characters: a–z and digits, with `.`, `_`, `-` inside; stored lower-case. */
export const mentorUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])$/);

/** Long enough to resist guessing; the upper bound only stops absurd input. */
export const mentorPasswordSchema = z.string().min(10).max(200);

export const mentorRoleSchema = z.enum(MENTOR_ROLES);

export type MentorAccountErrorCode =
  | 'invalid_username'
  | 'invalid_password'
  | 'username_taken'
  | 'not_found'
  | 'last_coordinator'
  | 'wrong_password';

export type MentorAccountResult<T> = { ok: true; value: T } | { ok: false; code: MentorAccountErrorCode };

export interface MentorAccountSummary {
  id: string;
  username: string;
  role: MentorRole;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface OneTimePasswordGrant {
  account: MentorAccountSummary;
  /** shown once to the coordinator; the account must choose its own at the next login */
  oneTimePassword: string;
}

export interface MentorAccounts {
  /** role: `mentor` unless told */
  add(username: string, password: string, role?: MentorRole): Promise<MentorAccountResult<MentorAccountSummary>>;
  list(): Promise<MentorAccountSummary[]>;
  remove(username: string): Promise<MentorAccountResult<null>>;
  passwd(username: string, password: string): Promise<MentorAccountResult<null>>;
  /** a new account with a one-time password */
  invite(username: string, role: MentorRole): Promise<MentorAccountResult<OneTimePasswordGrant>>;
  /** a new one-time password; the old one and every session stop working */
  resetPassword(username: string): Promise<MentorAccountResult<OneTimePasswordGrant>>;
  /** disabling ends every session of the account */
  setDisabled(username: string, disabled: boolean): Promise<MentorAccountResult<MentorAccountSummary>>;
  setRole(username: string, role: MentorRole): Promise<MentorAccountResult<MentorAccountSummary>>;
  /** the mentor's own new password (after a one-time password, or any time); other sessions end */
  changeOwnPassword(
    mentorId: string,
    currentPassword: string,
    newPassword: string,
    keepSessionTokenHash?: string,
  ): Promise<MentorAccountResult<null>>;
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
  /** `work` on the named account under the roles lock; a name that is no valid username is no account */
  async function withAccount<T>(
    rawUsername: string,
    work: (uow: UnitOfWork, account: MentorAccount) => Promise<MentorAccountResult<T>>,
  ): Promise<MentorAccountResult<T>> {
    const username = mentorUsernameSchema.safeParse(rawUsername);
    if (!username.success) return { ok: false, code: 'not_found' };
    return store.transaction(ROLES_LOCK, async (uow) => {
      const account = await uow.mentors.findByUsername(username.data);
      return account ? work(uow, account) : { ok: false, code: 'not_found' };
    });
  }

  return {
    async add(rawUsername, password, role = 'mentor') {
      const checked = checkCredentials(rawUsername, password);
      if (!checked.ok) return checked;
      const { username } = checked.value;
      const passwordHash = await hashPassword(password, scryptParams);
      return store.transaction(ROLES_LOCK, async (uow) => {
        if (await uow.mentors.findByUsername(username)) return { ok: false, code: 'username_taken' };
        const account = await uow.mentors.create({ username, passwordHash, role, now: clock() });
        return { ok: true, value: summarise(account) };
      });
    },

    async list() {
      const accounts = await store.transaction(null, (uow) => uow.mentors.list());
      return accounts.map(summarise).sort((a, b) => a.username.localeCompare(b.username));
    },

    remove: (rawUsername) =>
      withAccount(rawUsername, async (uow, account) => {
        if (await isLastCoordinator(uow, account)) return { ok: false, code: 'last_coordinator' };
        await uow.mentors.remove(account.username);
        return { ok: true, value: null };
      }),

    async passwd(rawUsername, password) {
      const checked = checkCredentials(rawUsername, password);
      if (!checked.ok) return checked;
      const { username } = checked.value;
      const passwordHash = await hashPassword(password, scryptParams);
      // whoever knew the old password is logged out with it
      const changed = await store.transaction(ROLES_LOCK, async (uow) => {
        const account = await uow.mentors.findByUsername(username);
        if (!account) return false;
        await uow.mentors.setPassword(username, passwordHash);
        await uow.mentorSessions.deleteByMentor(account.id);
        return true;
      });
      return changed ? { ok: true, value: null } : { ok: false, code: 'not_found' };
    },

    async invite(rawUsername, role) {
      const username = mentorUsernameSchema.safeParse(rawUsername);
      if (!username.success) return { ok: false, code: 'invalid_username' };
      const oneTimePassword = makeOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword, scryptParams);
      return store.transaction(ROLES_LOCK, async (uow) => {
        if (await uow.mentors.findByUsername(username.data)) return { ok: false, code: 'username_taken' };
        const account = await uow.mentors.create({
          username: username.data,
          passwordHash,
          role,
          mustChangePassword: true,
          now: clock(),
        });
        return { ok: true, value: { account: summarise(account), oneTimePassword } };
      });
    },

    async resetPassword(rawUsername) {
      const oneTimePassword = makeOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword, scryptParams);
      return withAccount(rawUsername, async (uow, account) => {
        await uow.mentors.setPassword(account.username, passwordHash, true);
        await uow.mentorSessions.deleteByMentor(account.id);
        const changed = { ...account, passwordHash, mustChangePassword: true };
        return { ok: true, value: { account: summarise(changed), oneTimePassword } };
      });
    },

    setDisabled: (rawUsername, disabled) =>
      withAccount(rawUsername, async (uow, account) => {
        if (disabled && (await isLastCoordinator(uow, account))) return { ok: false, code: 'last_coordinator' };
        await uow.mentors.setDisabled(account.username, disabled);
        if (disabled) await uow.mentorSessions.deleteByMentor(account.id);
        return { ok: true, value: summarise({ ...account, disabled }) };
      }),

    setRole: (rawUsername, role) =>
      withAccount(rawUsername, async (uow, account) => {
        if (role !== 'coordinator' && (await isLastCoordinator(uow, account))) {
          return { ok: false, code: 'last_coordinator' };
        }
        await uow.mentors.setRole(account.username, role);
        return { ok: true, value: summarise({ ...account, role }) };
      }),

    async changeOwnPassword(mentorId, currentPassword, newPassword, keepSessionTokenHash) {
      if (!mentorPasswordSchema.safeParse(newPassword).success) return { ok: false, code: 'invalid_password' };
      const account = await store.transaction(null, (uow) => uow.mentors.get(mentorId));
      if (!account) return { ok: false, code: 'not_found' };
      if (!(await verifyPassword(currentPassword, account.passwordHash))) return { ok: false, code: 'wrong_password' };
      // the one-time password cannot be kept as the new one
      if (currentPassword === newPassword) return { ok: false, code: 'invalid_password' };
      const passwordHash = await hashPassword(newPassword, scryptParams);
      return store.transaction(ROLES_LOCK, async (uow) => {
        const current = await uow.mentors.get(mentorId);
        // changed meanwhile (a reset): the current password typed is no longer the one
        if (!current || current.passwordHash !== account.passwordHash) return { ok: false, code: 'wrong_password' };
        await uow.mentors.setPassword(current.username, passwordHash, false);
        const kept = keepSessionTokenHash ? await uow.mentorSessions.get(keepSessionTokenHash) : undefined;
        await uow.mentorSessions.deleteByMentor(mentorId);
        if (kept) await uow.mentorSessions.create(kept);
        return { ok: true, value: null };
      });
    },
  };
}

/** one lock for every change of accounts, so that the last-coordinator rule holds under concurrency */
const ROLES_LOCK = 'mentor-accounts';

/** true when `account` is the only coordinator who can still log in */
async function isLastCoordinator(uow: UnitOfWork, account: MentorAccount): Promise<boolean> {
  if (account.role !== 'coordinator' || account.disabled) return false;
  const others = (await uow.mentors.list()).filter(
    (other) => other.id !== account.id && other.role === 'coordinator' && !other.disabled,
  );
  return others.length === 0;
}

/** letters and digits that cannot be mistaken for each other when read aloud or copied by hand */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** four groups of four, e.g. `k7mq-x3pf-9rtw-h2nd`: about 79 bits, easy to pass on */
function makeOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

function checkCredentials(rawUsername: string, password: string): MentorAccountResult<{ username: string }> {
  const username = mentorUsernameSchema.safeParse(rawUsername);
  if (!username.success) return { ok: false, code: 'invalid_username' };
  if (!mentorPasswordSchema.safeParse(password).success) return { ok: false, code: 'invalid_password' };
  return { ok: true, value: { username: username.data } };
}

function summarise(account: MentorAccount): MentorAccountSummary {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    disabled: account.disabled,
    mustChangePassword: account.mustChangePassword,
    lastLoginAt: account.lastLoginAt,
    createdAt: account.createdAt,
  };
}
