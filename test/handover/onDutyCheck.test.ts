/**
 * The per-minute memo of `isOpen` (src/handover/onDutyCheck.ts) never answers other than `isOpen`
 * would, and a coordinator's save of new hours applies to the very next check, within the same minute.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveOpeningHours, type LiveOpeningHours } from '../../src/handover/liveOpeningHours.js';
import { createOnDutyCheck } from '../../src/handover/onDutyCheck.js';
import { isOpen, type OpeningHours, parseOpeningHours } from '../../src/handover/openingHours.js';
import { toSettings } from '../../src/handover/openingHoursSettings.js';
import type { Store } from '../../src/storage/ports.js';
import { createSqliteStore } from '../../src/storage/sqlite/createSqliteStore.js';

function hoursOf(text: string): OpeningHours {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const WEEKDAYS = hoursOf('Mon-Fri 09:00-15:00');
// a Wednesday, 10:30:20 in Oslo (UTC+1 in December)
const WEDNESDAY_MORNING = new Date('2026-12-02T09:30:20Z');

describe('createOnDutyCheck', () => {
  it('answers as isOpen for any moments asked in any order, across minutes, days, DST and holidays', () => {
    const check = createOnDutyCheck(() => WEEKDAYS);
    const moment = fc
      .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true })
      .chain((start) =>
        fc.integer({ min: 0, max: 3 * 60_000 }).map((offset) => [start, new Date(start.getTime() + offset)] as const),
      );
    fc.assert(
      fc.property(fc.array(moment, { minLength: 1, maxLength: 20 }), (pairs) => {
        for (const at of pairs.flat()) expect(check(at)).toBe(isOpen(WEEKDAYS, at));
      }),
      { numRuns: 500 },
    );
  });

  it('changes at the minute the hours open and close', () => {
    const check = createOnDutyCheck(() => WEEKDAYS);
    expect(check(new Date('2026-12-02T07:59:59.999Z'))).toBe(false);
    expect(check(new Date('2026-12-02T08:00:00.000Z'))).toBe(true);
    expect(check(new Date('2026-12-02T13:59:59.999Z'))).toBe(true);
    expect(check(new Date('2026-12-02T14:00:00.000Z'))).toBe(false);
  });

  describe('with the live hours a coordinator saves', () => {
    let store: Store;
    let live: LiveOpeningHours;

    beforeAll(async () => {
      store = await createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'on-duty-')) });
      live = await createLiveOpeningHours({ store, defaultHours: WEEKDAYS, logger: pino({ level: 'silent' }) });
    });

    afterAll(async () => {
      await live.close();
      await store.close();
    });

    it('applies saved hours to the next check in the same minute', async () => {
      const check = createOnDutyCheck(live.current);
      expect(check(WEDNESDAY_MORNING)).toBe(true);
      const noneOnWednesday = { ...toSettings(WEEKDAYS), weekly: { ...toSettings(WEEKDAYS).weekly, wed: [] } };
      await live.save(noneOnWednesday, new Date(WEDNESDAY_MORNING), 'liv');
      expect(check(new Date(WEDNESDAY_MORNING.getTime() + 1000))).toBe(false);
    });
  });
});
