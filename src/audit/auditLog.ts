/**
 * The audit log: who among the staff did what, and when. Never message text, never a phone number:
 * a conversation is named by its handover, and that reference goes when SLETT or retention deletes
 * the handover (the row stays). Kept AUDIT_RETENTION_DAYS (retention.ts).
 *
 * Other parts of the app record their own actions with the names below (accounts, hours, transfers).
 */
import type { Logger } from 'pino';
import { errorSummary } from '../logging/errorSummary.js';
import type { AuditRecord, Store } from '../storage/ports.js';

export const AUDIT_ACTIONS = [
  'login',
  'handover.accept',
  /** opened a conversation's transcript (GET /api/mentor/handovers/:id) */
  'transcript.read',
  /** a mentor handed their own conversation to a colleague (a warm transfer) */
  'handover.transfer',
  /** a coordinator moved a conversation to another mentor */
  'handover.move',
  /** a coordinator took a conversation over themselves */
  'handover.takeOver',
  /** a coordinator gave a waiting conversation to a mentor */
  'handover.assign',
  'handover.release',
  'handover.close',
  'callback.done',
  'callback.sms',
  'account.create',
  'account.disable',
  'account.enable',
  'account.passwordReset',
  'account.roleChange',
  'hours.change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** what an action concerned: a conversation (by its handover), or a name (an account, `hours`) */
export type AuditTarget = string | { handoverId: string };

/** the target of an `account.roleChange` row: the account and the role it has now, `per → coordinator` */
export function roleChangeTarget(username: string, role: string): string {
  return `${username} → ${role}`;
}

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  target?: AuditTarget;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** an open console reads the same transcript again on every new message: one row per quarter hour is enough */
const REPEATED_READ_MS = 15 * 60_000;

export function createAuditLog(deps: { store: Store; clock: () => Date; logger: Logger }): AuditLog {
  const { store, clock, logger } = deps;
  const lastReadAt = new Map<string, number>();

  function isRepeatedRead(entry: AuditEntry, now: number): boolean {
    if (entry.action !== 'transcript.read' || typeof entry.target !== 'object') return false;
    const key = `${entry.actor}\u0000${entry.target.handoverId}`;
    const last = lastReadAt.get(key);
    if (last !== undefined && now - last < REPEATED_READ_MS) return true;
    lastReadAt.set(key, now);
    if (lastReadAt.size > 10_000) lastReadAt.clear();
    return false;
  }

  return {
    async record(entry) {
      const at = clock();
      if (isRepeatedRead(entry, at.getTime())) return;
      const row: Omit<AuditRecord, 'id'> = {
        at,
        actor: entry.actor,
        action: entry.action,
        target: typeof entry.target === 'string' ? entry.target : '',
        handoverId: typeof entry.target === 'object' ? entry.target.handoverId : null,
      };
      try {
        await store.transaction(null, (uow) => uow.auditLog.add(row));
      } catch (error) {
        // the action itself has happened; a lost audit row is logged, not turned into a failed request
        logger.error({ err: errorSummary(error), action: entry.action }, 'audit log row not written');
      }
    },
  };
}

/** what GET /api/staff/audit answers per row: the handover id while it exists, null once deleted */
export function toAuditView(record: AuditRecord): { at: string; actor: string; action: string; target: string | null } {
  const target = record.handoverId ?? (record.target === '' ? null : record.target);
  return { at: record.at.toISOString(), actor: record.actor, action: record.action, target };
}
