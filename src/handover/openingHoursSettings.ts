/**
 * Opening hours as a coordinator saves them (issue 13, point 3; `GET/PUT /api/staff/hours`): the week
 * day by day, or "always", and exceptions for single dates (closed, or other hours). Checked with zod
 * (the API answers 400 with the reason) and turned into the OpeningHours that isOpen/nextOpening read.
 * Until a coordinator saves, the hours come from OPENING_HOURS.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { OpeningHours, OpeningInterval, Weekday } from './openingHours.js';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM, from 00:00 to 24:00');

const spanSchema = z
  .object({ from: timeSchema, to: timeSchema })
  .refine((span) => minuteOf(span.to) > minuteOf(span.from), 'the closing time must be after the opening time');

/** a day's spans, at most a few, not overlapping */
const spansSchema = z
  .array(spanSchema)
  .max(6)
  .refine((spans) => {
    const sorted = [...spans].sort((a, b) => minuteOf(a.from) - minuteOf(b.from));
    return sorted.every(
      (span, index) => index === 0 || minuteOf(span.from) >= minuteOf(sorted[index - 1]?.to ?? '00:00'),
    );
  }, 'the hours of one day must not overlap');

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((date) => DateTime.fromISO(date).isValid, 'not a date in the calendar');

export const openingHoursSettingsSchema = z.object({
  /** day and night, every day (holidays too), except the exceptions */
  always: z.boolean(),
  weekly: z.object(
    Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, spansSchema])) as Record<
      (typeof WEEKDAY_KEYS)[number],
      typeof spansSchema
    >,
  ),
  exceptions: z
    .array(z.object({ date: dateSchema, open: spansSchema }))
    .max(366)
    .refine(
      (exceptions) => new Set(exceptions.map((exception) => exception.date)).size === exceptions.length,
      'each date may have one exception',
    ),
});

export type OpeningHoursSettings = z.infer<typeof openingHoursSettingsSchema>;
export type Span = z.infer<typeof spanSchema>;

export function toOpeningHours(settings: OpeningHoursSettings): OpeningHours {
  const exceptions = [...settings.exceptions]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((exception) => ({ date: exception.date, intervals: toIntervals(exception.open) }));
  if (settings.always) return { kind: 'always', exceptions };
  const intervals: OpeningInterval[] = WEEKDAY_KEYS.flatMap((day, index) =>
    toIntervals(settings.weekly[day]).map((interval) => ({ weekday: (index + 1) as Weekday, ...interval })),
  );
  return { kind: 'weekly', intervals, exceptions };
}

/** the settings shape of parsed OPENING_HOURS, so that the page shows the default to start from */
export function toSettings(hours: OpeningHours): OpeningHoursSettings {
  const weekly = Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, [] as Span[]])) as OpeningHoursSettings['weekly'];
  if (hours.kind === 'weekly') {
    for (const interval of hours.intervals) {
      weekly[WEEKDAY_KEYS[interval.weekday - 1] ?? 'mon'].push(toSpan(interval));
    }
  }
  return {
    always: hours.kind === 'always',
    weekly,
    exceptions: (hours.exceptions ?? []).map((exception) => ({
      date: exception.date,
      open: exception.intervals.map(toSpan),
    })),
  };
}

function toIntervals(spans: Span[]): Array<{ startMinute: number; endMinute: number }> {
  return spans
    .map((span) => ({ startMinute: minuteOf(span.from), endMinute: minuteOf(span.to) }))
    .sort((a, b) => a.startMinute - b.startMinute);
}

function toSpan(interval: { startMinute: number; endMinute: number }): Span {
  return { from: timeOf(interval.startMinute), to: timeOf(interval.endMinute) };
}

function minuteOf(time: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return hour * 60 + minute;
}

function timeOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
