/**
 * Opening hours said plainly, in the person's language: the weekly hours ("mandag til onsdag kl.
 * 09.00-15.00, …, men ikke på helligdager") and when mentors are next there ("i morgen, onsdag, kl.
 * 09.00"), in Europe/Oslo time. Every word comes from `locales/<lng>/hours.json`.
 *
 * Copy uses them as render-time params, filled in by the translator for any key (src/i18n/i18n.ts,
 * `renderParams`), so no hours are written into copy and the dialog machines need not know the clock:
 * - `{{openingHours}}`: the weekly hours, e.g. "Mentorene svarer {{openingHours}}.", with the nearest
 *   nearest coming exception a coordinator saved ("(unntak: stengt fredag 4. desember)")
 * - `{{nextOpening}}`: when mentors are next on duty, to follow "tilbake"/"back", e.g. "Mentorene er
 *   tilbake {{nextOpening}}." It reads "nå"/"now" while they are on duty, so use it in after-hours copy.
 */
import { DateTime } from 'luxon';
import type { MessageParams } from '../domain/dialogProtocol.js';
import type { Locale } from '../domain/domain.js';
import type { RenderParams, Translations } from '../i18n/i18n.js';
import {
  nextOpening,
  OPENING_HOURS_ZONE,
  type OpeningException,
  type OpeningHours,
  usualIntervalsOn,
} from './openingHours.js';

/** what the text needs of the translations: the copy itself, without render params of its own */
export type HoursCopy = Pick<Translations, 't' | 'raw'>;

/** The names of the render params this module fills in. */
export const OPENING_HOURS_PARAMS = { openingHours: 'openingHours', nextOpening: 'nextOpening' } as const;

/** exceptions are said for the dates from today until this many days ahead */
export const EXCEPTIONS_AHEAD_DAYS = 14;
/** the nearest only: with its menu the hours answer must stay within three SMS segments (content:check) */
export const MAX_EXCEPTIONS_SAID = 1;

/**
 * "mandag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00, men ikke på
 * helligdager"; given `at`, followed by the nearest exception of the coming days that changes anything
 * ("(unntak: stengt fredag 4. desember)"): a closed day, or other hours than the day's usual ones.
 */
export function describeOpeningHours(hours: OpeningHours, locale: Locale, copy: HoursCopy, at?: Date): string {
  const usual = describeUsualHours(hours, locale, copy);
  const coming = at ? comingExceptions(hours, at) : [];
  if (coming.length === 0) return usual;
  const exceptions = coming.map((exception) => exceptionText(exception, locale, copy));
  return copy.t(locale, 'hours.withExceptions', { hours: usual, exceptions: listText(exceptions, locale, copy) });
}

function describeUsualHours(hours: OpeningHours, locale: Locale, copy: HoursCopy): string {
  if (hours.kind === 'always') return copy.t(locale, 'hours.always');
  const weekdays = namesOf(copy, locale, 'hours.weekdays');
  const spansByDay = new Map<number, string>();
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    const spans = hours.intervals
      .filter((interval) => interval.weekday === weekday)
      .map((interval) => spanText(interval, locale, copy));
    if (spans.length > 0) spansByDay.set(weekday, listText(spans, locale, copy));
  }
  // consecutive days with the same hours are said once: "mandag til onsdag kl. …"
  const runs: Array<{ from: number; to: number; spans: string }> = [];
  for (const [weekday, spans] of spansByDay) {
    const last = runs.at(-1);
    if (last && last.to === weekday - 1 && last.spans === spans) last.to = weekday;
    else runs.push({ from: weekday, to: weekday, spans });
  }
  const days = runs.map((run) => {
    const from = weekdays[run.from - 1] ?? '';
    const to = weekdays[run.to - 1] ?? '';
    const named = run.from === run.to ? from : copy.t(locale, 'hours.dayRange', { from, to });
    return copy.t(locale, 'hours.dayHours', { days: named, spans: run.spans });
  });
  return copy.t(locale, 'hours.weekly', { days: listText(days, locale, copy) });
}

/**
 * How the next opening is worded: the key holding `now`, `today`, `tomorrow`, `later` and `unknown`,
 * and how a time of day is said. Written text by default; the phone line says it aloud
 * (src/channels/voice/spokenNextOpening.ts).
 */
export interface NextOpeningWording {
  keys: string;
  time(minuteOfDay: number, locale: Locale, copy: HoursCopy): string;
}

const WRITTEN: NextOpeningWording = { keys: 'hours.next', time: timeText };

/** "i dag kl. 12.00", "i morgen, onsdag, kl. 09.00", "på mandag 5. januar kl. 09.00"; "nå" while open */
export function describeNextOpening(
  hours: OpeningHours,
  at: Date,
  locale: Locale,
  copy: HoursCopy,
  wording: NextOpeningWording = WRITTEN,
): string {
  const next = nextOpening(hours, at);
  if (next === null) return copy.t(locale, `${wording.keys}.unknown`);
  if (next.getTime() <= at.getTime()) return copy.t(locale, `${wording.keys}.now`);
  const now = DateTime.fromJSDate(at, { zone: OPENING_HOURS_ZONE });
  const opening = DateTime.fromJSDate(next, { zone: OPENING_HOURS_ZONE });
  // calendar days, not 24-hour periods: DST days have 23 or 25 hours
  const daysAhead = Math.round(opening.startOf('day').diff(now.startOf('day'), 'days').days);
  const time = wording.time(opening.hour * 60 + opening.minute, locale, copy);
  const weekday = namesOf(copy, locale, 'hours.weekdays')[opening.weekday - 1] ?? '';
  if (daysAhead === 0) return copy.t(locale, `${wording.keys}.today`, { time });
  if (daysAhead === 1) return copy.t(locale, `${wording.keys}.tomorrow`, { weekday, time });
  const month = namesOf(copy, locale, 'hours.months')[opening.month - 1] ?? '';
  return copy.t(locale, `${wording.keys}.later`, { weekday, day: opening.day, month, time });
}

/**
 * The render params for i18n: `openingHours` and `nextOpening`, from the clock at the moment the
 * message is rendered (during the turn that says it). `hours` is the hours themselves or where to
 * read the current ones (a coordinator may save new hours at any time). Computed at most once a
 * minute per language and set of hours, as opening hours have minute precision.
 */
export function openingHoursRenderParams(hours: OpeningHours | (() => OpeningHours), clock: () => Date): RenderParams {
  const currentHours = typeof hours === 'function' ? hours : () => hours;
  const cache = new Map<Locale, { minute: number; hours: OpeningHours; params: MessageParams }>();
  return (locale, copy) => {
    const at = clock();
    const minute = Math.floor(at.getTime() / 60_000);
    const now = currentHours();
    const cached = cache.get(locale);
    if (cached?.minute === minute && cached.hours === now) return cached.params;
    const params = {
      [OPENING_HOURS_PARAMS.openingHours]: describeOpeningHours(now, locale, copy, new Date(minute * 60_000)),
      [OPENING_HOURS_PARAMS.nextOpening]: describeNextOpening(now, new Date(minute * 60_000), locale, copy),
    };
    cache.set(locale, { minute, hours: now, params });
    return params;
  };
}

/** the exceptions from today on, in the coming days, that give a day other hours than its usual ones */
function comingExceptions(hours: OpeningHours, at: Date): OpeningException[] {
  const today = DateTime.fromJSDate(at, { zone: OPENING_HOURS_ZONE }).startOf('day');
  const last = today.plus({ days: EXCEPTIONS_AHEAD_DAYS - 1 }).toISODate() ?? '';
  return (hours.exceptions ?? [])
    .filter((exception) => exception.date >= (today.toISODate() ?? '') && exception.date <= last)
    .filter((exception) => {
      const usual = usualIntervalsOn(hours, DateTime.fromISO(exception.date, { zone: OPENING_HOURS_ZONE }));
      return spansKey(usual) !== spansKey(exception.intervals);
    })
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, MAX_EXCEPTIONS_SAID);
}

const spansKey = (intervals: ReadonlyArray<{ startMinute: number; endMinute: number }>) =>
  intervals.map((interval) => `${interval.startMinute}-${interval.endMinute}`).join(',');

/** "stengt fredag 4. desember", "lørdag 5. desember kl. 10.00-14.00" */
function exceptionText(exception: OpeningException, locale: Locale, copy: HoursCopy): string {
  const day = DateTime.fromISO(exception.date, { zone: OPENING_HOURS_ZONE });
  const date = copy.t(locale, 'hours.date', {
    weekday: namesOf(copy, locale, 'hours.weekdays')[day.weekday - 1] ?? '',
    day: day.day,
    month: namesOf(copy, locale, 'hours.months')[day.month - 1] ?? '',
  });
  if (exception.intervals.length === 0) return copy.t(locale, 'hours.closedOn', { date });
  const spans = exception.intervals.map((interval) => spanText(interval, locale, copy));
  return copy.t(locale, 'hours.otherHoursOn', { date, spans: listText(spans, locale, copy) });
}

function spanText(interval: { startMinute: number; endMinute: number }, locale: Locale, copy: HoursCopy): string {
  return copy.t(locale, 'hours.span', {
    from: timeText(interval.startMinute, locale, copy),
    to: timeText(interval.endMinute, locale, copy),
  });
}

function timeText(minuteOfDay: number, locale: Locale, copy: HoursCopy): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return copy.t(locale, 'hours.time', { hour: pad(Math.floor(minuteOfDay / 60)), minute: pad(minuteOfDay % 60) });
}

/** "a", "a og b", "a, b og c" */
function listText(items: string[], locale: Locale, copy: HoursCopy): string {
  if (items.length <= 1) return items[0] ?? '';
  return copy.t(locale, 'hours.listLast', { rest: items.slice(0, -1).join(', '), last: items.at(-1) ?? '' });
}

function namesOf(copy: HoursCopy, locale: Locale, key: string): string[] {
  const names = copy.raw(locale, key);
  return Array.isArray(names) ? names.map(String) : [];
}
