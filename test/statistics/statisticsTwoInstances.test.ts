/**
 * Two instances on one PostgreSQL count into the same statistics: people text both at once (the
 * counters' upserts race), a mentor on one instance accepts a person who wrote to the other, and
 * either instance answers GET /api/staff/stats with the sum.
 */
import { afterAll, expect, it } from 'vitest';
import { requestMentorBySms } from '../handover/support/handoverApp.js';
import { numberSeries, sendSms } from '../multiInstance/smsClient.js';
import { freshLocation } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';
import { MINUTE_MS, type StatsSetting, startStatsApp } from './statisticsTestKit.js';

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);
const opened: StatsSetting[] = [];

afterAll(async () => {
  for (const setting of opened) await setting.app.close();
  await twilioApi.close();
  await postgres?.stop();
});

describeWith(postgres, POSTGRES_MISSING, 'statistics with two instances on one PostgreSQL', (postgres) => {
  it('counts what both instances saw, at the same time, into the same rows', async () => {
    const location = await freshLocation('postgres', postgres);
    const clock = createTestClock();
    const a = await startStatsApp({ twilioApi, location, clock });
    opened.push(a);
    const b = await startStatsApp({ twilioApi, location, clock, addAccounts: false });
    opened.push(b);
    const numbers = numberSeries('65');

    const people = Array.from({ length: 12 }, () => numbers());
    const first = await Promise.all(
      people.map((from, index) => sendSms((index % 2 === 0 ? a : b).app.baseUrl, from, 'hva er IPS?')),
    );
    expect(first.map((response) => response.status)).toEqual(people.map(() => 200));

    const waiting = numbers();
    const { handoverId } = await requestMentorBySms(b.app, waiting, { consent: true });
    clock.advance(3 * MINUTE_MS);
    expect((await a.mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);

    const expected = {
      conversations: 13,
      byChannel: { sms: 13, webchat: 0, cli: 0 },
      handovers: { requested: 1, accepted: 1, abandoned: 0, callbacks: 0 },
      waitMinutes: { p50: 3, p90: 3 },
    };
    const fromA = await a.coordinator.request('GET', '/api/staff/stats?days=7');
    const fromB = await b.coordinator.request('GET', '/api/staff/stats?days=7');
    expect(fromA.data).toMatchObject(expected);
    expect((fromA.data as { topics: Record<string, number> }).topics['measures.ips']).toBe(12);
    expect(fromB.data).toEqual(fromA.data);
  });
});
