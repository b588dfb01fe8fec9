/**
 * The statistics survive SLETT and retention, and hold nothing of the person: after both, the
 * counters are exactly what they were, every row of every table is searched for the people's
 * numbers, conversation and handover ids, and the masked samples go after RETENTION_DAYS.
 * On SQLite and on PostgreSQL, through the real app and signed SMS.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { choiceNumber, loginMentor, smsUser } from '../handover/support/handoverApp.js';
import { numberSeries, storedConversation } from '../multiInstance/smsClient.js';
import { allRows, freshLocation, rowsMentioning, type StoreKind } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { aDayAtTheHelpline, DAY_MS, startStatsApp } from './statisticsTestKit.js';

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

async function countersSurvive(kind: StoreKind, prefix: string): Promise<void> {
  if (kind === 'postgres' && !postgres) throw new Error(POSTGRES_MISSING);
  const location = await freshLocation(kind, postgres);
  const setting = await startStatsApp({ twilioApi, location, keepSamples: true });
  const { app } = setting;
  let coordinator = setting.coordinator;
  const t = (key: string) => app.translations.t('nb', key);
  try {
    const day = await aDayAtTheHelpline(setting, numberSeries(prefix));
    const ids: string[] = [];
    for (const number of day.people) {
      const stored = await storedConversation(app.store, number);
      if (stored) ids.push(stored.id);
    }
    const aboutThem = [...day.people, ...ids, day.handoverId];
    expect(ids).toHaveLength(4);

    // each asks to be erased; the counts are taken before they confirm
    const questions = new Map<string, string[]>();
    for (const number of day.people) questions.set(number, await smsUser(app, number)('SLETT'));
    const stats = async () => (await coordinator.request('GET', '/api/staff/stats?from=2026-11-24&to=2026-11-24')).data;
    const countersBefore = (await allRows(location)).statistics_counters;
    const reportBefore = await stats();
    expect(reportBefore).toMatchObject({ conversations: 4, crisis: 1, feedback: { '4': 1 } });

    for (const number of day.people) {
      const reply = await smsUser(app, number)(choiceNumber(questions.get(number) ?? [], t('dialog.choice.eraseYes')));
      expect(reply).toEqual([t('dialog.erase.done')]);
    }
    await app.handovers.idle();
    const afterErasure = await allRows(location);
    expect(afterErasure.statistics_counters).toEqual(countersBefore);
    expect(await stats()).toEqual(reportBefore);
    // nothing anywhere names them: the audit rows lost their handover, the counters never had one
    expect(rowsMentioning(afterErasure, aboutThem)).toEqual([]);
    expect(afterErasure.audit_log?.some((row) => row.action === 'handover.accept' && row.handover_id === null)).toBe(
      true,
    );
    for (const row of afterErasure.statistics_counters ?? []) {
      expect(Object.keys(row).sort()).toEqual(['dimension', 'hour_start', 'metric', 'value']);
      const hour = new Date(row.hour_start as number | Date);
      expect(hour.getUTCMinutes() * 60_000 + hour.getUTCSeconds() * 1000 + hour.getUTCMilliseconds()).toBe(0);
    }
    expect(Object.keys(afterErasure.unanswered_samples?.[0] ?? {}).sort()).toEqual([
      'dialog_state',
      'id',
      'locale',
      'received_hour',
      'text',
    ]);

    app.clock.advance(31 * DAY_MS);
    await app.timers.runDue();
    // a month later the coordinator's session has ended long ago
    coordinator = await loginMentor(app, 'kari');
    const afterRetention = await allRows(location);
    expect(afterRetention.statistics_counters).toEqual(countersBefore);
    expect(await stats()).toEqual(reportBefore);
    // the masked texts are kept RETENTION_DAYS at most
    expect(afterRetention.unanswered_samples).toEqual([]);
    expect(rowsMentioning(afterRetention, aboutThem)).toEqual([]);
  } finally {
    await app.close();
  }
}

describe('SLETT and retention leave the statistics as they were', () => {
  it('on SQLite', () => countersSurvive('sqlite', '63'));
  it('on PostgreSQL', () => countersSurvive('postgres', '64'));
});
