/**
 * Opening hours as a coordinator saves them (issue 13, point 3; `GET/PUT /api/staff/hours`): the week
 * day by day, or "always", and exceptions for single dates (closed, or other hours). Checked with zod
 * (the API answers 400 with the reason, and each problem's field and kind for the page) and turned into the OpeningHours that isOpen/nextOpening read.
 * Until a coordinator saves, the hours come from OPENING_HOURS.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { OpeningHours, OpeningInterval, Weekday } from './openingHours.js';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * What can be wrong with saved hours, named for the page (which says it in the coordinator's words
 * beside the field): a time not HH:MM, a closing time not after the opening, spans that overlap, a
 * date not in the calendar, one date twice, too many spans or exceptions, a note too long, anything else.
 */
export const HOURS_PROBLEMS = [
  'time',
  'order',
  'overlap',
  'date',
  'duplicateDate',
  'tooMany',
  'noteTooLong',
  'invalid',
] as const;
export type HoursProblem = (typeof HOURS_PROBLEMS)[number];

const problem = (name: HoursProblem) => ({ params: { problem: name } });

const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM, from 00:00 to 24:00');

const spanSchema = z
  .object({ from: timeSchema, to: timeSchema })
  .refine((span) => minuteOf(span.to) > minuteOf(span.from), {
    message: 'the closing time must be after the opening time',
    ...problem('order'),
  });

/** a day's spans, at most a few, not overlapping */
const spansSchema = z
  .array(spanSchema)
  .max(6, 'at most 6 spans a day')
  .refine(
    (spans) => {
      const sorted = [...spans].sort((a, b) => minuteOf(a.from) - minuteOf(b.from));
      return sorted.every(
        (span, index) => index === 0 || minuteOf(span.from) >= minuteOf(sorted[index - 1]?.to ?? '00:00'),
      );
    },
    { message: 'the hours of one day must not overlap', ...problem('overlap') },
  );

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((date) => DateTime.fromISO(date).isValid, { message: 'not a date in the calendar', ...problem('date') });

/** why a date is an exception ("fagdag"), for the staff only: the bot never says it */
export const MAX_NOTE_CHARS = 100;
const noteSchema = z.string().trim().max(MAX_NOTE_CHARS, `a note is at most ${MAX_NOTE_CHARS} characters`);

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
    .array(z.object({ date: dateSchema, open: spansSchema, note: noteSchema.optional() }))
    .max(366, 'at most 366 exceptions')
    .superRefine((exceptions, context) => {
      // the second of a date is the one to mend
      const seen = new Set<string>();
      exceptions.forEach((exception, index) => {
        if (seen.has(exception.date)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'date'],
            message: 'each date may have one exception',
            ...problem('duplicateDate'),
          });
        }
        seen.add(exception.date);
      });
    }),
});

/** one problem of a PUT, for the page: the field it is in (`weekly.mon.0.to`, `exceptions.2.date`) and what it is */
export function hoursProblemOf(issue: z.core.$ZodIssue): { field: string; problem: HoursProblem } {
  const field = issue.path.map(String).join('.');
  const last = issue.path.at(-1);
  return { field, problem: problemOf(issue, last) };
}

function problemOf(issue: z.core.$ZodIssue, last: PropertyKey | undefined): HoursProblem {
  if (issue.code === 'custom') return HOURS_PROBLEMS.find((name) => name === issue.params?.problem) ?? 'invalid';
  if (issue.code === 'invalid_format') return last === 'date' ? 'date' : 'time';
  if (issue.code === 'too_big') return last === 'note' ? 'noteTooLong' : 'tooMany';
  return 'invalid';
}

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
