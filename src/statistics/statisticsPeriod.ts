/**
 * The period a statistics or audit request asks for: `from` and `to` (YYYY-MM-DD, Europe/Oslo
 * calendar days, both included) or `days` (7, 30 or 90, ending today). Turned into the UTC instants
 * [start, end) the counters are read between. Bad dates, from after to and spans longer than a year
 * are refused with the reason (the route answers 400).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { OPENING_HOURS_ZONE } from '../handover/openingHours.js';

export const PRESET_DAYS = [7, 30, 90] as const;
/** the longest period one request may read */
export const MAX_PERIOD_DAYS = 366;

export interface StatisticsPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((text) => osloDay(text).isValid, 'is not a date in the calendar');

const periodQuerySchema = z.union([
  z.object({ from: isoDate, to: isoDate, days: z.undefined().optional() }),
  z.object({
    days: z.enum(PRESET_DAYS.map(String) as ['7', '30', '90'], { message: 'must be 7, 30 or 90' }),
    from: z.undefined().optional(),
    to: z.undefined().optional(),
  }),
]);

export type PeriodResult = { ok: true; period: StatisticsPeriod } | { ok: false; reason: string };

function osloDay(text: string): DateTime {
  return DateTime.fromISO(text, { zone: OPENING_HOURS_ZONE });
}

/** reads `from`/`to` or `days` from a query string's values; nothing at all means the last 30 days */
export function parsePeriod(query: Record<string, unknown>, now: Date): PeriodResult {
  const picked = { from: query.from, to: query.to, days: query.days };
  const given = Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
  const parsed = periodQuerySchema.safeParse(Object.keys(given).length === 0 ? { days: '30' } : given);
  if (!parsed.success) {
    return { ok: false, reason: `give from and to (YYYY-MM-DD), or days (7, 30 or 90)${issuesOf(parsed.error)}` };
  }
  const today = DateTime.fromJSDate(now, { zone: OPENING_HOURS_ZONE }).startOf('day');
  const { from, to } =
    parsed.data.days !== undefined
      ? { from: today.minus({ days: Number(parsed.data.days) - 1 }), to: today }
      : { from: osloDay(parsed.data.from), to: osloDay(parsed.data.to) };
  if (from > to) return { ok: false, reason: 'from is after to' };
  const days = to.diff(from, 'days').days + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, reason: `at most ${MAX_PERIOD_DAYS} days at a time` };
  return {
    ok: true,
    period: {
      from: from.toISODate() ?? '',
      to: to.toISODate() ?? '',
      start: from.toJSDate(),
      end: to.plus({ days: 1 }).toJSDate(),
    },
  };
}

function issuesOf(error: z.ZodError): string {
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'invalid_union' ? issue.errors.flat() : [issue],
  ) as Array<{ path: PropertyKey[]; message: string }>;
  const named = issues.filter((issue) => issue.path.length > 0 && !issue.message.startsWith('Invalid input'));
  return named.length === 0 ? '' : `: ${named.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`;
}
