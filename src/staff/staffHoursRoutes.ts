/**
 * Opening hours in the browser (issue 13, point 3; CONTRACT.md, Staff API). Coordinators only.
 *
 *   GET /api/staff/hours   {source: "default"|"saved", version, updatedAt, savedBy, always, weekly, exceptions}
 *   PUT /api/staff/hours   {always, weekly: {mon: [{from, to}], …, sun}, exceptions: [{date, open, note?}]}
 *                          → the state now in force; 400 `invalid_body` with the reason and, per
 *                          problem, the field it is in (`problems: [{field, problem}]`, for the page)
 *
 * `exceptions[].open` empty is a closed day; with spans, the hours of that day instead of the week's.
 * A save is an audit row (`hours.change`, by the coordinator).
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog.js';
import type { LiveOpeningHours, OpeningHoursState } from '../handover/liveOpeningHours.js';
import { hoursProblemOf, openingHoursSettingsSchema } from '../handover/openingHoursSettings.js';
import type { Clock } from '../mentor/clock.js';
import { type MentorEdge, readJsonBody } from '../mentor/mentorHttp.js';

export interface StaffHoursRoutesDeps {
  edge: MentorEdge;
  hours: LiveOpeningHours;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
}

/** any JSON object: what is in it is checked, problem by problem, after */
const jsonObjectSchema = z.record(z.string(), z.unknown());

function toHoursView(state: OpeningHoursState) {
  return {
    source: state.source,
    version: state.version,
    updatedAt: state.updatedAt?.toISOString() ?? null,
    savedBy: state.savedBy,
    ...state.settings,
  };
}

export function registerStaffHoursRoutes(
  server: Server,
  { edge, hours, clock, audit, logger }: StaffHoursRoutesDeps,
): void {
  server.get('/api/staff/hours', async (req: Request, res: Response) => {
    if (!(await edge.requireCoordinator(req, res))) return;
    res.header('Cache-Control', 'no-store');
    res.json(200, toHoursView(hours.state()));
  });

  server.put('/api/staff/hours', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    // the media type and a JSON object first, then the settings, whose problems are told field by field
    const raw = readJsonBody(req, res, jsonObjectSchema);
    if (!raw) return;
    const parsed = openingHoursSettingsSchema.safeParse(raw);
    if (!parsed.success) {
      const { issues } = parsed.error;
      res.header('Cache-Control', 'no-store');
      res.json(400, {
        error: 'invalid_body',
        reason: issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
        problems: issues.map(hoursProblemOf),
      });
      return;
    }
    const state = await hours.save(parsed.data, clock(), coordinator.username);
    logger.info({ event: 'staff.hours', coordinatorId: coordinator.id, version: state.version }, 'opening hours saved');
    await audit.record({ actor: coordinator.username, action: 'hours.change', target: 'hours' });
    res.header('Cache-Control', 'no-store');
    res.json(200, toHoursView(state));
  });
}
