/**
 * Accounts in the browser (issue 13, point 2; CONTRACT.md, Staff API). Coordinators only: every route
 * starts with `requireCoordinator` (403 foreign origin, 401 no session, 403 `forbidden_role`).
 *
 *   GET  /api/staff/accounts                            [{username, role, disabled, lastLoginAt, mustChangePassword}]
 *   POST /api/staff/accounts {"username","role"}        201 {username, role, oneTimePassword} (shown once)
 *   POST /api/staff/accounts/:username/disable          ends the account's sessions at once
 *   POST /api/staff/accounts/:username/enable
 *   POST /api/staff/accounts/:username/reset-password   {username, oneTimePassword}; ends its sessions
 *   POST /api/staff/accounts/:username/role {"role"}
 *
 * 409 `last_coordinator` (with a reason) when a change would leave no coordinator who can log in.
 * Logs name the acting coordinator's id and the action, never a password. Each change that succeeded
 * is an audit row: the coordinator, the action (`account.*`) and the account's username (for a role
 * change with the new role: `per → coordinator`).
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { type AuditAction, type AuditLog, roleChangeTarget } from '../audit/auditLog.js';
import {
  type MentorAccountErrorCode,
  type MentorAccountResult,
  type MentorAccountSummary,
  type MentorAccounts,
  mentorRoleSchema,
  mentorUsernameSchema,
  type OneTimePasswordGrant,
} from '../mentor/mentorAccounts.js';
import { type MentorEdge, readJsonBody } from '../mentor/mentorHttp.js';
import type { AuthenticatedMentor } from '../mentor/mentorSessions.js';

export interface StaffAccountRoutesDeps {
  edge: MentorEdge;
  accounts: MentorAccounts;
  audit: AuditLog;
  logger: Logger;
}

const addBodySchema = z.object({ username: mentorUsernameSchema, role: mentorRoleSchema.default('mentor') });
const roleBodySchema = z.object({ role: mentorRoleSchema });

const ERROR_STATUS: Record<MentorAccountErrorCode, number> = {
  invalid_username: 400,
  invalid_password: 400,
  username_taken: 409,
  not_found: 404,
  last_coordinator: 409,
  wrong_password: 403,
};

const REASONS: Partial<Record<MentorAccountErrorCode, string>> = {
  last_coordinator: 'the helpline needs at least one coordinator who can log in; make someone else coordinator first',
  username_taken: 'an account with this username exists',
};

export interface AccountView {
  username: string;
  role: MentorAccountSummary['role'];
  disabled: boolean;
  mustChangePassword: boolean;
  /** ISO 8601, null before the first login */
  lastLoginAt: string | null;
  createdAt: string;
}

export function toAccountView(account: MentorAccountSummary): AccountView {
  return {
    username: account.username,
    role: account.role,
    disabled: account.disabled,
    mustChangePassword: account.mustChangePassword,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}

export function registerStaffAccountRoutes(
  server: Server,
  { edge, accounts, audit, logger }: StaffAccountRoutesDeps,
): void {
  function answer<T>(res: Response, result: MentorAccountResult<T>, view: (value: T) => unknown, status = 200): void {
    res.header('Cache-Control', 'no-store');
    if (result.ok) res.json(status, view(result.value));
    else
      res.json(ERROR_STATUS[result.code], {
        error: result.code,
        ...(REASONS[result.code] ? { reason: REASONS[result.code] } : {}),
      });
  }

  async function noted<T>(
    coordinator: AuthenticatedMentor,
    action: AuditAction,
    result: MentorAccountResult<T>,
    usernameOf: (value: T) => string,
  ): Promise<void> {
    logger.info(
      { event: 'staff.account', action, coordinatorId: coordinator.id, ok: result.ok },
      'account changed by a coordinator',
    );
    if (result.ok) await audit.record({ actor: coordinator.username, action, target: usernameOf(result.value) });
  }

  const grantee = (grant: OneTimePasswordGrant) => grant.account.username;
  const summarised = (account: MentorAccountSummary) => account.username;

  server.get('/api/staff/accounts', async (req: Request, res: Response) => {
    if (!(await edge.requireCoordinator(req, res))) return;
    res.header('Cache-Control', 'no-store');
    res.json(200, (await accounts.list()).map(toAccountView));
  });

  server.post('/api/staff/accounts', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const body = readJsonBody(req, res, addBodySchema);
    if (!body) return;
    const result = await accounts.invite(body.username, body.role);
    await noted(coordinator, 'account.create', result, grantee);
    answer(res, result, ({ account, oneTimePassword }) => ({ ...toAccountView(account), oneTimePassword }), 201);
  });

  for (const [action, disabled, auditAction] of [
    ['disable', true, 'account.disable'],
    ['enable', false, 'account.enable'],
  ] as const) {
    server.post(`/api/staff/accounts/:username/${action}`, async (req: Request, res: Response) => {
      const coordinator = await edge.requireCoordinator(req, res);
      if (!coordinator) return;
      const result = await accounts.setDisabled(usernameParam(req), disabled);
      await noted(coordinator, auditAction, result, summarised);
      answer(res, result, toAccountView);
    });
  }

  server.post('/api/staff/accounts/:username/reset-password', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const result = await accounts.resetPassword(usernameParam(req));
    await noted(coordinator, 'account.passwordReset', result, grantee);
    answer(res, result, ({ account, oneTimePassword }) => ({ ...toAccountView(account), oneTimePassword }));
  });

  server.post('/api/staff/accounts/:username/role', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const body = readJsonBody(req, res, roleBodySchema);
    if (!body) return;
    const result = await accounts.setRole(usernameParam(req), body.role);
    // the row says which role the account has now: `per → coordinator`
    await noted(coordinator, 'account.roleChange', result, (account) =>
      roleChangeTarget(account.username, account.role),
    );
    answer(res, result, toAccountView);
  });
}

function usernameParam(req: Request): string {
  const username: unknown = req.params?.username;
  return typeof username === 'string' ? username : '';
}
