/**
 * Opening hours in the browser (issue 13, point 3; CONTRACT.md, Staff API). Coordinators only.
 *
 *   GET /api/staff/hours   {source: "default"|"saved", version, updatedAt, always, weekly, exceptions}
 *   PUT /api/staff/hours   {always, weekly: {mon: [{from, to}], …, sun}, exceptions: [{date, open}]}
 *                          → the state now in force; 400 with the reason for anything else
 *
 * `exceptions[].open` empty is a closed day; with spans, the hours of that day instead of the week's.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { LiveOpeningHours, OpeningHoursState } from '../handover/liveOpeningHours.js';
import { openingHoursSettingsSchema } from '../handover/openingHoursSettings.js';
import type { Clock } from '../mentor/clock.js';
import { type MentorEdge, readJsonBody } from '../mentor/mentorHttp.js';

export interface StaffHoursRoutesDeps {
  edge: MentorEdge;
  hours: LiveOpeningHours;
  clock: Clock;
  logger: Logger;
}

function toHoursView(state: OpeningHoursState) {
  return {
    source: state.source,
    version: state.version,
    updatedAt: state.updatedAt?.toISOString() ?? null,
    ...state.settings,
  };
}

export function registerStaffHoursRoutes(server: Server, { edge, hours, clock, logger }: StaffHoursRoutesDeps): void {
  server.get('/api/staff/hours', async (req: Request, res: Response) => {
    if (!(await edge.requireCoordinator(req, res))) return;
    res.header('Cache-Control', 'no-store');
    res.json(200, toHoursView(hours.state()));
  });

  server.put('/api/staff/hours', async (req: Request, res: Response) => {
    const coordinator = await edge.requireCoordinator(req, res);
    if (!coordinator) return;
    const body = readJsonBody(req, res, openingHoursSettingsSchema);
    if (!body) return;
    const state = await hours.save(body, clock());
    logger.info({ event: 'staff.hours', coordinatorId: coordinator.id, version: state.version }, 'opening hours saved');
    res.header('Cache-Control', 'no-store');
    res.json(200, toHoursView(state));
  });
}
