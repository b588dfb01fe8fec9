/**
 * Hours saved on one PostgreSQL instance are the hours of the other at once: the other's bot answers
 * by them. The other instance learns of the save by NOTIFY and reloads from the database.
 */
import { afterAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';

const server = await startTestPostgres();
const opened: Array<HandoverTestApp | FakeTwilioApi> = [];

afterAll(async () => {
  for (const running of opened.reverse()) await running.close();
  await server?.stop();
});

const NINE_TO_THREE = [{ from: '09:00', to: '15:00' }];

describeWith(server, POSTGRES_MISSING, 'opening hours on two instances', (server) => {
  it('a closed day saved at A is what B says next', async () => {
    const database = await server.createDatabase();
    const twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    opened.push(twilioApi);
    const start = async () => {
      const app = await startHandoverApp({
        twilioApiBaseUrl: twilioApi.baseUrl,
        databaseUrl: database.url,
        openingHours: 'mon-fri 09:00-15:00',
      });
      opened.push(app);
      return app;
    };
    const a = await start();
    const b = await start();
    await addMentor(a, 'liv', 'coordinator');
    const atA = await loginMentor(a, 'liv');
    const atB = await loginMentor(b, 'liv');
    expect((await smsUser(b, '+4790000301')('Når har dere åpent?')).join('\n')).toContain('Akkurat nå er de på jobb');

    const saved = await atA.request('PUT', '/api/staff/hours', {
      always: false,
      weekly: {
        mon: NINE_TO_THREE,
        tue: NINE_TO_THREE,
        wed: NINE_TO_THREE,
        thu: NINE_TO_THREE,
        fri: NINE_TO_THREE,
        sat: [],
        sun: [],
      },
      exceptions: [{ date: '2026-11-24', open: [] }],
    });
    expect(saved).toMatchObject({ status: 200, data: { version: 1 } });
    // B holds the hours in memory: its own view of them changes without any request to B's API
    const savedAt = Date.now();
    await expect
      .poll(async () => ((await atB.request('GET', '/api/staff/hours')).data as { version: number }).version, {
        timeout: 2000,
        interval: 20,
      })
      .toBe(1);
    console.log(`hours reached instance B ${Date.now() - savedAt} ms after the save answered`);
    const answer = (await smsUser(b, '+4790000302')('Når har dere åpent?')).join('\n');
    expect(answer).toContain('Akkurat nå er de ikke på jobb');
    expect(answer).toContain('tilbake i morgen, onsdag, kl. 09.00');
  });
});
