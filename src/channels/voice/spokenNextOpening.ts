/**
 * When the mentors are back, said aloud: "i morgen, onsdag, klokka 9" rather than the written
 * "kl. 09.00", which a voice reads out as "null ni punktum null null". Hours are digits without a
 * leading zero, which text-to-speech says as a number in the call's language; minutes follow as a
 * second number ("klokka 9 30"), as people read a digital clock.
 */
import type { Locale } from '../../domain/domain.js';
import type { OpeningHours } from '../../handover/openingHours.js';
import { describeNextOpening, type HoursCopy, type NextOpeningWording } from '../../handover/openingHoursText.js';

export const SPOKEN: NextOpeningWording = {
  keys: 'voice.next',
  time(minuteOfDay: number, locale: Locale, copy: HoursCopy): string {
    const hour = Math.floor(minuteOfDay / 60);
    const minute = minuteOfDay % 60;
    if (minute === 0) return copy.t(locale, 'voice.time.onTheHour', { hour });
    return copy.t(locale, 'voice.time.withMinutes', { hour, minute: String(minute).padStart(2, '0') });
  },
};

export function spokenNextOpening(hours: OpeningHours, at: Date, locale: Locale, copy: HoursCopy): string {
  return describeNextOpening(hours, at, locale, copy, SPOKEN);
}
