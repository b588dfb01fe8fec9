import { describe, expect, it } from 'vitest';
import { spokenNextOpening } from '../../../src/channels/voice/spokenNextOpening.js';
import { parseOpeningHours } from '../../../src/handover/openingHours.js';
import { createTranslations } from '../../../src/i18n/i18n.js';

const translations = await createTranslations('nb');

function hours(text: string) {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('when the mentors are back, said aloud', () => {
  const weekdays = hours('mon-wed,fri 09:00-15:00; thu 09:00-18:00');

  it('says the hour as a number, not "kl. 09.00": tomorrow, later in the week, in nb, nn and en', () => {
    const tuesdayEvening = new Date('2026-11-24T16:00:00+01:00');
    expect(spokenNextOpening(weekdays, tuesdayEvening, 'nb', translations)).toBe('i morgen, onsdag, klokka 9');
    expect(spokenNextOpening(weekdays, tuesdayEvening, 'nn', translations)).toBe('i morgon, onsdag, klokka 9');
    expect(spokenNextOpening(weekdays, tuesdayEvening, 'en', translations)).toBe("tomorrow, Wednesday, at 9 o'clock");
    const fridayEvening = new Date('2026-11-27T18:00:00+01:00');
    expect(spokenNextOpening(weekdays, fridayEvening, 'nb', translations)).toBe('på mandag den 30. november, klokka 9');
    expect(spokenNextOpening(weekdays, fridayEvening, 'en', translations)).toBe("on Monday, November 30, at 9 o'clock");
  });

  it('minutes follow as a second number; later today; now while open', () => {
    const late = hours('mon-fri 09:30-12:00; mon-fri 12:45-15:00');
    expect(spokenNextOpening(late, new Date('2026-11-24T08:00:00+01:00'), 'nb', translations)).toBe(
      'i dag klokka 9 30',
    );
    expect(spokenNextOpening(late, new Date('2026-11-24T12:10:00+01:00'), 'nn', translations)).toBe(
      'i dag klokka 12 45',
    );
    expect(spokenNextOpening(late, new Date('2026-11-24T10:00:00+01:00'), 'nb', translations)).toBe('nå');
  });

  it('keeps Oslo wall-clock time across the clock changes, skipping Easter Monday', () => {
    // summer time begins on Easter Sunday, 28 March 2027; Easter Monday is a public holiday
    const saturdayBefore = new Date('2027-03-27T12:00:00+01:00');
    expect(spokenNextOpening(weekdays, saturdayBefore, 'nb', translations)).toBe('på tirsdag den 30. mars, klokka 9');
    // winter time begins on Sunday 25 October 2026
    const fridayBefore = new Date('2026-10-23T16:00:00+02:00');
    expect(spokenNextOpening(weekdays, fridayBefore, 'nb', translations)).toBe('på mandag den 26. oktober, klokka 9');
  });
});
