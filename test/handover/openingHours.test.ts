import Holidays from 'date-holidays';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/domain.js';
import { easterSunday, norwegianPublicHolidays } from '../../src/handover/norwegianHolidays.js';
import { isOpen, nextOpening, type OpeningHours, parseOpeningHours } from '../../src/handover/openingHours.js';
import {
  describeNextOpening,
  describeOpeningHours,
  openingHoursRenderParams,
} from '../../src/handover/openingHoursText.js';
import { createTranslations, type Translations } from '../../src/i18n/i18n.js';
import { createTestClock } from '../support/testApp.js';

const DEFAULT_HOURS = 'mon-wed,fri 09:00-15:00; thu 09:00-18:00';

/** A wall-clock time in Oslo as an instant. */
function oslo(localIso: string): Date {
  const value = DateTime.fromISO(localIso, { zone: 'Europe/Oslo' });
  if (!value.isValid) throw new Error(`bad test time ${localIso}`);
  return value.toJSDate();
}

function hours(text: string): OpeningHours {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const standard = hours(DEFAULT_HOURS);

describe('parseOpeningHours', () => {
  it('reads the contract default as Monday–Friday intervals', () => {
    expect(standard).toEqual({
      kind: 'weekly',
      intervals: [
        { weekday: 1, startMinute: 540, endMinute: 900 },
        { weekday: 2, startMinute: 540, endMinute: 900 },
        { weekday: 3, startMinute: 540, endMinute: 900 },
        { weekday: 4, startMinute: 540, endMinute: 1080 },
        { weekday: 5, startMinute: 540, endMinute: 900 },
      ],
    });
  });

  it('accepts always, any case, spaces and a trailing semicolon', () => {
    expect(parseOpeningHours(' ALWAYS ')).toEqual({ ok: true, value: { kind: 'always' } });
    expect(hours('Sat-Sun 10:00 - 24:00;')).toEqual({
      kind: 'weekly',
      intervals: [
        { weekday: 6, startMinute: 600, endMinute: 1440 },
        { weekday: 7, startMinute: 600, endMinute: 1440 },
      ],
    });
  });

  it.each([
    ['', 'no opening hours given'],
    [' ; ', 'no opening hours given'],
    ['mon 9-15', 'is not of the form'],
    ['man 09:00-15:00', '"man" is not a day'],
    ['fri-mon 09:00-15:00', 'runs backwards'],
    ['mon-tue-wed 09:00-15:00', 'is not a day or a range'],
    ['mon 15:00-09:00', 'closing time must be after'],
    ['mon 09:00-09:00', 'closing time must be after'],
    ['mon 09:00-24:30', 'between 00:00 and 24:00'],
    ['mon 09:60-15:00', 'between 00:00 and 24:00'],
    ['mon 09:00-15:00; tue', 'is not of the form'],
  ])('rejects %j with a clear reason', (text, reason) => {
    const parsed = parseOpeningHours(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(reason);
      expect(parsed.error).toContain('expected "always"');
    }
  });
});

describe('isOpen on ordinary days (Europe/Oslo)', () => {
  it('opens at 09:00 and closes at 15:00 sharp', () => {
    expect(isOpen(standard, oslo('2026-03-02T08:59:59.999'))).toBe(false);
    expect(isOpen(standard, oslo('2026-03-02T09:00'))).toBe(true);
    expect(isOpen(standard, oslo('2026-03-02T14:59:59'))).toBe(true);
    expect(isOpen(standard, oslo('2026-03-02T15:00'))).toBe(false);
  });

  it('keeps Thursday open until 18:00 and no other day', () => {
    expect(isOpen(standard, oslo('2026-03-05T17:59'))).toBe(true);
    expect(isOpen(standard, oslo('2026-03-05T18:00'))).toBe(false);
    expect(isOpen(standard, oslo('2026-03-04T17:00'))).toBe(false);
    expect(isOpen(standard, oslo('2026-03-06T17:00'))).toBe(false);
  });

  it('is closed at weekends', () => {
    expect(isOpen(standard, oslo('2026-03-07T12:00'))).toBe(false);
    expect(isOpen(standard, oslo('2026-03-08T12:00'))).toBe(false);
  });

  it('uses Oslo time, not the machine or UTC: 09:00 in Oslo is 08:00Z in winter, 07:00Z in summer', () => {
    expect(isOpen(standard, new Date('2026-01-14T07:59:00Z'))).toBe(false);
    expect(isOpen(standard, new Date('2026-01-14T08:00:00Z'))).toBe(true);
    expect(isOpen(standard, new Date('2026-06-17T07:00:00Z'))).toBe(true);
    expect(isOpen(standard, new Date('2026-06-17T12:59:00Z'))).toBe(true);
    expect(isOpen(standard, new Date('2026-06-17T13:00:00Z'))).toBe(false);
  });
});

describe('daylight saving changes (last Sunday of March and October)', () => {
  it('opens at 09:00 local on the Monday after summer time starts (29 March 2026)', () => {
    expect(isOpen(standard, new Date('2026-03-30T06:59:00Z'))).toBe(false);
    expect(isOpen(standard, new Date('2026-03-30T07:00:00Z'))).toBe(true);
    expect(nextOpening(standard, oslo('2026-03-27T15:00'))).toEqual(new Date('2026-03-30T07:00:00Z'));
  });

  it('opens at 09:00 local on the Monday after summer time ends (25 October 2026)', () => {
    expect(isOpen(standard, new Date('2026-10-26T07:30:00Z'))).toBe(false);
    expect(isOpen(standard, new Date('2026-10-26T08:00:00Z'))).toBe(true);
    expect(nextOpening(standard, oslo('2026-10-23T16:00'))).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('moves an opening inside the skipped hour to when the clock exists again', () => {
    const night = hours('sun 02:00-04:00');
    // 02:00 does not exist on 29 March 2026; 03:00 CEST is 01:00Z
    expect(nextOpening(night, oslo('2026-03-28T12:00'))).toEqual(new Date('2026-03-29T01:00:00Z'));
  });

  it('skips an interval that lies wholly in the skipped hour', () => {
    const missing = hours('sun 02:00-02:30');
    // 29 March 2026 has no 02:00–02:30, 5 April is Easter Sunday, so 12 April 02:00 CEST
    expect(nextOpening(missing, oslo('2026-03-28T12:00'))).toEqual(new Date('2026-04-12T00:00:00Z'));
  });

  it('counts the repeated hour in October as open when it is inside the hours', () => {
    const night = hours('sun 02:00-03:00');
    expect(isOpen(night, new Date('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
    expect(isOpen(night, new Date('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET
    expect(isOpen(night, new Date('2026-10-25T02:00:00Z'))).toBe(false); // 03:00 CET
  });
});

describe('Norwegian public holidays', () => {
  it('finds Easter Sunday', () => {
    expect(easterSunday(2024)).toEqual({ year: 2024, month: 3, day: 31 });
    expect(easterSunday(2025)).toEqual({ year: 2025, month: 4, day: 20 });
    expect(easterSunday(2026)).toEqual({ year: 2026, month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ year: 2027, month: 3, day: 28 });
    expect(easterSunday(2285)).toEqual({ year: 2285, month: 3, day: 22 });
    expect(easterSunday(2038)).toEqual({ year: 2038, month: 4, day: 25 });
  });

  it('lists the twelve holidays of 2026', () => {
    expect(norwegianPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-17',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('agrees with date-holidays (NO, public) for 1900–2199', () => {
    const reference = new Holidays('NO', { types: ['public'] });
    for (let year = 1900; year < 2200; year += 1) {
      const expected = [...new Set(reference.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)))].sort();
      expect(norwegianPublicHolidays(year), String(year)).toEqual(expected);
    }
  });

  it('closes over Easter 2026 and opens again on the Tuesday', () => {
    expect(isOpen(standard, oslo('2026-04-01T10:00'))).toBe(true);
    expect(isOpen(standard, oslo('2026-04-02T10:00'))).toBe(false); // skjærtorsdag
    expect(isOpen(standard, oslo('2026-04-03T10:00'))).toBe(false); // langfredag
    expect(isOpen(standard, oslo('2026-04-06T10:00'))).toBe(false); // 2. påskedag
    expect(nextOpening(standard, oslo('2026-04-01T15:00'))).toEqual(oslo('2026-04-07T09:00'));
  });

  it('closes over Easter 2027, which falls on the day summer time starts', () => {
    expect(isOpen(standard, oslo('2027-03-24T14:00'))).toBe(true);
    expect(isOpen(standard, oslo('2027-03-25T10:00'))).toBe(false);
    expect(isOpen(standard, oslo('2027-03-26T10:00'))).toBe(false);
    expect(isOpen(standard, oslo('2027-03-29T10:00'))).toBe(false);
    // Wednesday 15:00 CET → Tuesday 09:00 CEST
    expect(nextOpening(standard, new Date('2027-03-24T14:00:00Z'))).toEqual(new Date('2027-03-30T07:00:00Z'));
  });

  it('closes on Ascension Day, 1 and 17 May and Christmas, but not on Christmas Eve', () => {
    expect(isOpen(standard, oslo('2026-05-14T10:00'))).toBe(false); // Kristi himmelfart, a Thursday
    expect(isOpen(standard, oslo('2026-05-01T10:00'))).toBe(false);
    expect(isOpen(standard, oslo('2027-05-17T10:00'))).toBe(false); // 17. mai and 2. pinsedag at once
    expect(isOpen(standard, oslo('2026-05-25T10:00'))).toBe(false); // 2. pinsedag
    expect(isOpen(standard, oslo('2026-12-25T10:00'))).toBe(false);
    expect(isOpen(standard, oslo('2026-12-24T17:00'))).toBe(true); // a Thursday, not a public holiday
    expect(nextOpening(standard, oslo('2026-12-24T18:00'))).toEqual(oslo('2026-12-28T09:00'));
    expect(nextOpening(standard, oslo('2026-12-31T18:00'))).toEqual(oslo('2027-01-04T09:00'));
  });
});

describe('always', () => {
  const always = hours('always');

  it('is open day and night, on holidays too', () => {
    for (const local of ['2026-12-25T03:00', '2026-04-05T12:00', '2026-03-29T03:30', '2026-03-07T23:59']) {
      expect(isOpen(always, oslo(local))).toBe(true);
    }
    const at = oslo('2026-12-25T03:00');
    expect(nextOpening(always, at)).toBe(at);
  });
});

describe('nextOpening', () => {
  it('is the moment itself while open', () => {
    const at = oslo('2026-03-05T17:00');
    expect(nextOpening(standard, at)).toBe(at);
  });

  it('is later the same day before opening, the next working day after closing', () => {
    expect(nextOpening(standard, oslo('2026-03-02T07:15'))).toEqual(oslo('2026-03-02T09:00'));
    expect(nextOpening(standard, oslo('2026-03-02T15:00'))).toEqual(oslo('2026-03-03T09:00'));
    expect(nextOpening(standard, oslo('2026-03-06T15:00'))).toEqual(oslo('2026-03-09T09:00'));
  });

  it('returns an open moment with nothing open in between (property)', () => {
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2030, 0, 1);
    const split = hours('mon 09:00-11:00; mon 12:30-15:00; tue,thu 08:00-20:00; sat 23:00-24:00; sun 00:00-01:00');
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end }),
        fc.constantFrom(standard, split),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (ms, schedule, samples) => {
          const at = new Date(ms);
          const next = nextOpening(schedule, at);
          expect(next).not.toBeNull();
          if (!next) return;
          expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(isOpen(schedule, next)).toBe(true);
          for (const fraction of samples) {
            const between = new Date(at.getTime() + Math.floor(fraction * (next.getTime() - at.getTime())));
            if (between < next) expect(isOpen(schedule, between)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('opening hours said plainly (nb, nn, en)', () => {
  let copy: Translations;
  beforeAll(async () => {
    copy = await createTranslations('nb');
  });
  const next = (schedule: OpeningHours, local: string, locale: Locale = 'nb') =>
    describeNextOpening(schedule, oslo(local), locale, copy);

  it('says the weekly hours from the setting, days with the same hours together', () => {
    expect(describeOpeningHours(standard, 'nb', copy)).toBe(
      'mandag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00, men ikke på helligdager',
    );
    expect(describeOpeningHours(standard, 'nn', copy)).toBe(
      'måndag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00, men ikkje på heilagdagar',
    );
    expect(describeOpeningHours(standard, 'en', copy)).toBe(
      'Monday to Wednesday 09:00-15:00, Thursday 09:00-18:00 and Friday 09:00-15:00, but not on public holidays',
    );
    expect(describeOpeningHours(hours('mon-fri 08:30-16:00'), 'nb', copy)).toBe(
      'mandag til fredag kl. 08.30-16.00, men ikke på helligdager',
    );
    expect(describeOpeningHours(hours('mon 09:00-11:00; mon 12:30-15:00; wed,fri 10:00-24:00'), 'nb', copy)).toBe(
      'mandag kl. 09.00-11.00 og 12.30-15.00, onsdag kl. 10.00-24.00 og fredag kl. 10.00-24.00, men ikke på helligdager',
    );
    expect(describeOpeningHours(hours('always'), 'nb', copy)).toBe('hele døgnet, alle dager');
    expect(describeOpeningHours(hours('always'), 'en', copy)).toBe('day and night, every day');
  });

  it('on a weekday evening: tomorrow, with the weekday', () => {
    expect(next(standard, '2026-12-01T20:00')).toBe('i morgen, onsdag, kl. 09.00');
    expect(next(standard, '2026-12-01T20:00', 'nn')).toBe('i morgon, onsdag, kl. 09.00');
    expect(next(standard, '2026-12-01T20:00', 'en')).toBe('tomorrow, Wednesday, at 09:00');
    expect(next(standard, '2026-12-01T23:59', 'nb')).toBe('i morgen, onsdag, kl. 09.00');
  });

  it('before opening, or over lunch: today', () => {
    expect(next(standard, '2026-12-02T06:30')).toBe('i dag kl. 09.00');
    expect(next(standard, '2026-12-02T00:10', 'en')).toBe('today at 09:00');
    const lunch = hours('mon-fri 09:00-11:30; mon-fri 12:00-15:00');
    expect(next(lunch, '2026-12-02T11:45')).toBe('i dag kl. 12.00');
    expect(next(lunch, '2026-12-02T11:45', 'nn')).toBe('i dag kl. 12.00');
  });

  it('after Friday: Monday, with the date', () => {
    expect(next(standard, '2026-03-06T15:00')).toBe('på mandag 9. mars kl. 09.00');
    expect(next(standard, '2026-03-07T12:00', 'nn')).toBe('på måndag 9. mars kl. 09.00');
    expect(next(standard, '2026-03-08T21:00', 'en')).toBe('tomorrow, Monday, at 09:00');
    expect(next(standard, '2026-03-06T15:00', 'en')).toBe('on Monday 9 March at 09:00');
  });

  it('skips Easter, Ascension Day, 17 May with Whit Monday, Christmas and New Year', () => {
    expect(next(standard, '2026-04-01T15:00')).toBe('på tirsdag 7. april kl. 09.00');
    expect(next(standard, '2026-05-13T15:00')).toBe('på fredag 15. mai kl. 09.00');
    expect(next(standard, '2027-05-14T15:00', 'nn')).toBe('på tysdag 18. mai kl. 09.00');
    expect(next(standard, '2026-12-24T18:00')).toBe('på mandag 28. desember kl. 09.00');
    expect(next(standard, '2026-12-31T18:00', 'en')).toBe('on Monday 4 January at 09:00');
    expect(next(standard, '2025-12-31T15:00')).toBe('på fredag 2. januar kl. 09.00');
  });

  it('keeps 09.00 local across the DST changes in March and October', () => {
    expect(next(standard, '2026-03-27T16:00')).toBe('på mandag 30. mars kl. 09.00');
    // Saturday 23:30 → the 23-hour Sunday → Monday: two calendar days, not "tomorrow"
    expect(next(standard, '2026-03-28T23:30')).toBe('på mandag 30. mars kl. 09.00');
    expect(next(standard, '2026-03-29T12:00')).toBe('i morgen, mandag, kl. 09.00');
    expect(next(standard, '2026-10-24T23:30')).toBe('på mandag 26. oktober kl. 09.00');
    expect(next(standard, '2026-10-25T12:00', 'en')).toBe('tomorrow, Monday, at 09:00');
    // an opening inside the skipped hour is said as the time it really opens
    expect(next(hours('sun 02:00-04:00'), '2026-03-28T12:00')).toBe('i morgen, søndag, kl. 03.00');
  });

  it('says the nearest coming exception that changes a day, from today up to two weeks ahead', () => {
    const withExceptions = (exceptions: OpeningHours['exceptions']): OpeningHours => ({ ...standard, exceptions });
    const closedFriday = { date: '2026-12-04', intervals: [] };
    const extraSaturday = { date: '2026-12-05', intervals: [{ startMinute: 600, endMinute: 840 }] };
    const at = oslo('2026-12-01T20:00');
    expect(describeOpeningHours(withExceptions([extraSaturday, closedFriday]), 'nb', copy, at)).toBe(
      'mandag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00, men ikke på helligdager (unntak: stengt fredag 4. desember)',
    );
    expect(describeOpeningHours(withExceptions([extraSaturday]), 'nn', copy, at)).toContain(
      '(unntak: laurdag 5. desember kl. 10.00-14.00)',
    );
    expect(describeOpeningHours(withExceptions([closedFriday]), 'en', copy, at)).toContain(
      '(except: closed on Friday 4 December)',
    );
    // today counts; yesterday, more than two weeks ahead, or a closed Sunday (closed anyway) do not
    expect(describeOpeningHours(withExceptions([{ date: '2026-12-01', intervals: [] }]), 'nb', copy, at)).toContain(
      'stengt tirsdag 1. desember',
    );
    for (const nothingNew of [
      { date: '2026-11-30', intervals: [] },
      { date: '2026-12-15', intervals: [] },
      { date: '2026-12-06', intervals: [] },
      { date: '2026-12-02', intervals: [{ startMinute: 540, endMinute: 900 }] },
    ]) {
      expect(describeOpeningHours(withExceptions([nothingNew]), 'nb', copy, at)).not.toContain('unntak');
    }
    // `always` with a closed day; and without the moment, only the usual hours
    expect(describeOpeningHours({ kind: 'always', exceptions: [closedFriday] }, 'nb', copy, at)).toBe(
      'hele døgnet, alle dager (unntak: stengt fredag 4. desember)',
    );
    expect(describeOpeningHours(withExceptions([closedFriday]), 'nb', copy)).not.toContain('unntak');
  });

  it('on a closed day: the next opening after it', () => {
    const closedWednesday: OpeningHours = { ...standard, exceptions: [{ date: '2026-12-02', intervals: [] }] };
    expect(next(closedWednesday, '2026-12-01T20:00')).toBe('på torsdag 3. desember kl. 09.00');
    expect(next(closedWednesday, '2026-12-02T10:00')).toBe('i morgen, torsdag, kl. 09.00');
  });

  it('is "now" while open and always with `always`', () => {
    expect(next(standard, '2026-12-03T17:00')).toBe('nå');
    expect(next(hours('always'), '2026-12-25T03:00', 'nn')).toBe('no');
    expect(next(hours('always'), '2026-12-25T03:00', 'en')).toBe('now');
  });
});

describe('render params: copy names {{openingHours}} and {{nextOpening}}, the clock fills them in', () => {
  it('renders the hours answer and the callback with the hours at the moment of rendering', async () => {
    const clock = createTestClock('2026-12-01T20:00:00+01:00');
    const rendered = await createTranslations('nb', undefined, {
      renderParams: openingHoursRenderParams(standard, clock),
    });
    expect(rendered.t('nb', 'handover.callback.sms')).toContain('De er tilbake i morgen, onsdag, kl. 09.00,');
    expect(rendered.t('en', 'handover.callback.sms')).toContain('They are back tomorrow, Wednesday, at 09:00,');
    expect(rendered.t('nn', 'topics.helpline.hours.answerClosed')).toContain(
      'Mentorane svarar måndag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00',
    );
    clock.set('2026-12-04T16:00:00+01:00');
    expect(rendered.t('nb', 'handover.callback.chat')).toContain('tilbake på mandag 7. desember kl. 09.00');
    expect(rendered.t('nb', 'topics.helpline.hours.answerClosed')).not.toContain('unntak');
    // a message's own param wins over the render param
    expect(rendered.t('nb', 'handover.callback.chat', { nextOpening: 'X' })).toContain('tilbake X.');
    // hours saved with an exception: the next render says it
    let current: OpeningHours = standard;
    const live = await createTranslations('nb', undefined, {
      renderParams: openingHoursRenderParams(() => current, clock),
    });
    expect(live.t('nb', 'topics.helpline.hours.answerClosed')).not.toContain('unntak');
    current = { ...standard, exceptions: [{ date: '2026-12-07', intervals: [] }] };
    const closedMonday = live.t('nb', 'topics.helpline.hours.answerClosed');
    expect(closedMonday).toContain('(unntak: stengt mandag 7. desember)');
    expect(closedMonday).toContain('De er tilbake på tirsdag 8. desember kl. 09.00');
    for (const locale of ['nb', 'nn', 'en'] as const) {
      for (const key of [
        'handover.callback.sms',
        'handover.consent.afterHoursQuestion',
        'topics.helpline.hours.answerOpen',
      ]) {
        expect(rendered.t(locale, key)).not.toContain('{{');
      }
    }
  });
});
