/**
 * Whether mentors are on duty, asked by every turn (the dialog's `mentorsOnDuty` fact). `isOpen`
 * converts the moment to Oslo time with luxon, which costs more than the rest of the fact-gathering;
 * its answer cannot change within a clock minute (opening hours have minute precision and Oslo's
 * offset is whole hours), so it is computed once per minute and per set of hours. A coordinator's
 * save, here or on another instance, replaces the hours object (src/handover/liveOpeningHours.ts),
 * and the next turn computes afresh: the saved hours apply at once.
 */
import { isOpen, type OpeningHours } from './openingHours.js';

export function createOnDutyCheck(currentHours: () => OpeningHours): (at: Date) => boolean {
  let last: { hours: OpeningHours; minute: number; open: boolean } | undefined;
  return (at) => {
    const hours = currentHours();
    const minute = Math.floor(at.getTime() / 60_000);
    if (last?.hours === hours && last.minute === minute) return last.open;
    const open = isOpen(hours, at);
    last = { hours, minute, open };
    return open;
  };
}
