/**
 * Norwegian public holidays (helligdagsloven, plus 1 and 17 May), computed.
 * The list is fixed by law and short, so it is written out here rather than taken from a general
 * holiday database whose categories ("public", "bank", "observance") could shift under us;
 * test/handover/openingHours.test.ts checks it against date-holidays for two centuries.
 */

/** A calendar day in Norway, month 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** Easter-relative holidays, in days from Easter Sunday. */
const EASTER_OFFSETS = {
  skjaertorsdag: -3,
  langfredag: -2,
  forstePaskedag: 0,
  andrePaskedag: 1,
  kristiHimmelfart: 39,
  forstePinsedag: 49,
  andrePinsedag: 50,
} as const;

const FIXED_DATES: ReadonlyArray<readonly [month: number, day: number]> = [
  [1, 1], // nyttårsdag
  [5, 1], // 1. mai
  [5, 17], // 17. mai
  [12, 25], // 1. juledag
  [12, 26], // 2. juledag
];

/** `YYYY-MM-DD` of every public holiday in `year`, sorted. */
export function norwegianPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const easterUtc = Date.UTC(year, easter.month - 1, easter.day);
  const days = Object.values(EASTER_OFFSETS).map((offset) => isoDay(new Date(easterUtc + offset * 86_400_000)));
  for (const [month, day] of FIXED_DATES) days.push(isoDay(new Date(Date.UTC(year, month - 1, day))));
  return [...new Set(days)].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

export function isNorwegianPublicHoliday(day: CalendarDay): boolean {
  let holidays = cache.get(day.year);
  if (!holidays) {
    holidays = new Set(norwegianPublicHolidays(day.year));
    cache.set(day.year, holidays);
  }
  return holidays.has(`${day.year}-${pad(day.month)}-${pad(day.day)}`);
}

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
