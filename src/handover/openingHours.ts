/**
 * When mentors answer: the `OPENING_HOURS` setting (CONTRACT.md), read in Europe/Oslo wall-clock time.
 * `DAYS HH:MM-HH:MM; ...` (days mon…sun, ranges and lists like `mon-wed,fri`) or `always`
 * (24/7, holidays included). Norwegian public holidays are closed unless `always`.
 */
import { DateTime } from 'luxon';
import { isNorwegianPublicHoliday } from './norwegianHolidays.js';

export const OPENING_HOURS_ZONE = 'Europe/Oslo';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** ISO weekday as luxon counts it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Open from `startMinute` (inclusive) to `endMinute` (exclusive), minutes after local midnight. */
export interface OpeningInterval {
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
}

/**
 * One date whose hours differ from the week's (a coordinator saves them, issue 13): `intervals` empty
 * for a closed day (a staff seminar), or the hours mentors answer that day instead of the usual ones
 * (extra hours; on a public holiday too). `date` is the Europe/Oslo calendar day, YYYY-MM-DD.
 */
export interface OpeningException {
  date: string;
  intervals: ReadonlyArray<{ startMinute: number; endMinute: number }>;
}

export type OpeningHours = (
  | { kind: 'always' }
  /** intervals sorted by weekday, then start */
  | { kind: 'weekly'; intervals: readonly OpeningInterval[] }
) & {
  /** dates that follow their own hours instead of the week's; none from OPENING_HOURS */
  exceptions?: readonly OpeningException[];
};

export type OpeningHoursParseResult = { ok: true; value: OpeningHours } | { ok: false; error: string };

const SEGMENT = /^(\S+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/** Parses the setting; the error names the part that is wrong and shows the expected form (not the key's name). */
export function parseOpeningHours(text: string): OpeningHoursParseResult {
  const source = text.trim().toLowerCase();
  if (source === 'always') return { ok: true, value: { kind: 'always' } };
  const segments = source
    .split(';')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
  if (segments.length === 0) return fail('no opening hours given');
  const intervals: OpeningInterval[] = [];
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    if (!match) return fail(`"${segment}" is not of the form DAYS HH:MM-HH:MM`);
    const [, daysText = '', startHour = '', startMin = '', endHour = '', endMin = ''] = match;
    const days = parseDays(daysText);
    if (typeof days === 'string') return fail(`"${segment}": ${days}`);
    const startMinute = parseTime(startHour, startMin);
    const endMinute = parseTime(endHour, endMin);
    if (startMinute === undefined || endMinute === undefined) {
      return fail(`"${segment}": times must be between 00:00 and 24:00`);
    }
    if (endMinute <= startMinute) return fail(`"${segment}": the closing time must be after the opening time`);
    for (const weekday of days) intervals.push({ weekday, startMinute, endMinute });
  }
  intervals.sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  return { ok: true, value: { kind: 'weekly', intervals } };
}

/** Whether mentors answer at `at`. */
export function isOpen(hours: OpeningHours, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: OPENING_HOURS_ZONE });
  const minute = local.hour * 60 + local.minute + (local.second + local.millisecond / 1000) / 60;
  return intervalsOn(hours, local).some((interval) => interval.startMinute <= minute && minute < interval.endMinute);
}

const WHOLE_DAY = [{ startMinute: 0, endMinute: 24 * 60 }] as const;

/** the hours of one local day: its exception if it has one, else the week's (none on a public holiday) */
function intervalsOn(hours: OpeningHours, day: DateTime): ReadonlyArray<{ startMinute: number; endMinute: number }> {
  const exception = hours.exceptions?.find((candidate) => candidate.date === day.toISODate());
  return exception ? exception.intervals : usualIntervalsOn(hours, day);
}

/** the hours a local day would have without an exception: the week's, none on a public holiday */
export function usualIntervalsOn(
  hours: OpeningHours,
  day: DateTime,
): ReadonlyArray<{ startMinute: number; endMinute: number }> {
  if (hours.kind === 'always') return WHOLE_DAY;
  if (isNorwegianPublicHoliday(day)) return [];
  return hours.intervals.filter((interval) => interval.weekday === day.weekday);
}

/** Looking further than this finds nothing new: every weekday recurs and holidays are single days. */
const SEARCH_DAYS = 366;

/**
 * `at` itself when open, otherwise the moment mentors are next back; null when the hours never open
 * (which a parsed setting cannot express, so callers may treat null as "unknown").
 */
export function nextOpening(hours: OpeningHours, at: Date): Date | null {
  if (isOpen(hours, at)) return at;
  const startOfDay = DateTime.fromJSDate(at, { zone: OPENING_HOURS_ZONE }).startOf('day');
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const day = startOfDay.plus({ days: offset });
    for (const interval of intervalsOn(hours, day)) {
      // wall-clock time; on the spring DST day a start inside the missing hour moves forward
      const opening = day.set({ hour: Math.floor(interval.startMinute / 60), minute: interval.startMinute % 60 });
      const candidate = opening.toJSDate();
      if (candidate > at && isOpen(hours, candidate)) return candidate;
    }
  }
  return null;
}

function parseDays(text: string): Weekday[] | string {
  const days = new Set<Weekday>();
  for (const item of text.split(',')) {
    const [fromName, toName, ...rest] = item.split('-');
    if (rest.length > 0) return `"${item}" is not a day or a range of days`;
    const from = weekdayOf(fromName);
    const to = toName === undefined ? from : weekdayOf(toName);
    if (from === undefined || to === undefined) {
      return `"${item}" is not a day; use ${DAY_NAMES.join(', ')}, ranges (mon-fri) and lists (mon-wed,fri)`;
    }
    if (to < from) return `"${item}" runs backwards; write days from Monday to Sunday, e.g. mon-fri`;
    for (let day = from; day <= to; day += 1) days.add(day as Weekday);
  }
  return [...days];
}

function weekdayOf(name: string | undefined): Weekday | undefined {
  const index = DAY_NAMES.indexOf((name ?? '') as (typeof DAY_NAMES)[number]);
  return index === -1 ? undefined : ((index + 1) as Weekday);
}

function parseTime(hourText: string, minuteText: string): number | undefined {
  const hour = Number(hourText);
  const minute = Number(minuteText);
  if (hour > 24 || minute > 59 || (hour === 24 && minute !== 0)) return undefined;
  return hour * 60 + minute;
}

function fail(problem: string): OpeningHoursParseResult {
  return { ok: false, error: `${problem}; expected "always" or e.g. "mon-wed,fri 09:00-15:00; thu 09:00-18:00"` };
}
