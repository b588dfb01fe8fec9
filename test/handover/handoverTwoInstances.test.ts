import { afterAll, expect, it } from 'vitest';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  openEventStream,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from './support/handoverApp.js';

const server = await startTestPostgres();
const opened: Array<HandoverTestApp | FakeTwilioApi> = [];

afterAll(async () => {
  for (const running of opened.reverse()) await running.close();
  await server?.stop();
});

describeWith(server, POSTGRES_MISSING, 'two instances on one PostgreSQL', (server) => {
  it('brings an SMS that arrived at one instance live to a mentor connected to the other; one accept wins', async () => {
    const database = await server.createDatabase();
    const twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    opened.push(twilioApi);
    const start = async () => {
      const app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, databaseUrl: database.url });
      opened.push(app);
      return app;
    };
    const a = await start();
    const b = await start();
    await addMentor(a, 'kari');
    await addMentor(a, 'ola');
    const kariAtB = await loginMentor(b, 'kari');
    const olaAtA = await loginMentor(a, 'ola');
    const streamAtB = await openEventStream(b.baseUrl, kariAtB.cookie);

    const from = '+4744000001';
    const { handoverId } = await requestMentorBySms(a, from, { consent: true });
    await streamAtB.waitFor((event) => event.type === 'handover.changed' && event.handoverId === handoverId);

    const [atB, atA] = await Promise.all([
      kariAtB.request('POST', `/api/mentor/handovers/${handoverId}/accept`),
      olaAtA.request('POST', `/api/mentor/handovers/${handoverId}/accept`),
    ]);
    expect([atB.status, atA.status].sort()).toEqual([200, 409]);
    const winner = atB.status === 200 ? kariAtB : olaAtA;
    const written = await winner.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'Hei, jeg er her nå.',
    });
    expect(written.status).toBe(201);
    await a.handovers.idle();
    await b.handovers.idle();
    expect(twilioApi.sent.filter((message) => message.to === from).map((message) => message.body)).toContain(
      'Hei, jeg er her nå.',
    );

    expect(await smsUser(a, from)('Takk, jeg trengte noen å snakke med')).toEqual([]);
    await streamAtB.waitFor(
      (event) => event.type === 'handover.message' && event.handoverId === handoverId && event.direction === 'user',
      1000,
    );
    const seenAtB = (await kariAtB.request('GET', `/api/mentor/handovers/${handoverId}`)).data as {
      messages: Array<{ text: string }>;
    };
    expect(seenAtB.messages.at(-1)?.text).toBe('Takk, jeg trengte noen å snakke med');
    streamAtB.close();
  });
});
