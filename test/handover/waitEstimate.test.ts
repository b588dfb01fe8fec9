/**
 * Honest waiting through the real app (SQLite, SMS webhook, mentor API, a settable clock): what a
 * person in line hears depends on what the queue has measured and on who is free at the console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from './support/handoverApp.js';

const MINUTE = 60_000;
const NO_ESTIMATE = 'Jeg kan ikke si hvor lenge det tar';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let kari: MentorClient;
const clock = createTestClock('2026-11-24T10:00:00+01:00');
let phone = 44000000;
const nextPhone = () => {
  phone += 1;
  return `+47${phone}`;
};

async function accept(handoverId: string): Promise<void> {
  expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
}

async function close(handoverId: string): Promise<void> {
  expect(
    (await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' })).status,
  ).toBe(200);
}

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  // two conversations at once make "every mentor busy" quick to set up
  app = await startHandoverApp({
    twilioApiBaseUrl: twilioApi.baseUrl,
    clock,
    timings: { maxConversationsPerMentor: 2 },
  });
  await addMentor(app, 'kari');
  kari = await loginMentor(app, 'kari');
});

afterAll(async () => {
  await app?.handovers.idle();
  await app?.close();
  await twilioApi?.close();
});

describe('the wait a person hears', () => {
  it('is the place in the queue and no minutes while nothing is measured, though one mentor sits idle', async () => {
    const { reply, handoverId } = await requestMentorBySms(app, nextPhone(), { consent: true });
    const text = reply.join('\n');
    expect(text).toContain('Du er nummer 1 i køen.');
    expect(text).toContain(NO_ESTIMATE);
    expect(text).not.toMatch(/minutt/);
    clock.advance(4 * MINUTE);
    await accept(handoverId);
    await close(handoverId);
  });

  it('is measured minutes once enough people were picked up lately and a mentor is free', async () => {
    for (const waited of [7, 12]) {
      const { handoverId } = await requestMentorBySms(app, nextPhone(), { consent: true });
      clock.advance(waited * MINUTE);
      await accept(handoverId);
      await close(handoverId);
    }
    // waits 4, 7 and 12 minutes: three in four were picked up within 12, said as "about 15"
    const { reply } = await requestMentorBySms(app, nextPhone(), { consent: true });
    expect(reply.join('\n')).toContain('Du er nummer 1 i køen. Ventetiden er omtrent 15 minutter.');
  });

  it('is no minutes while the one free mentor has a pause, and minutes again once it is ended', async () => {
    const queue = (await kari.request('GET', '/api/mentor/handovers')).data as Array<{ id: string }>;
    for (const waiting of queue) {
      await accept(waiting.id);
      await close(waiting.id);
    }
    expect((await kari.request('POST', '/api/mentor/me/pause', { minutes: 15 })).status).toBe(200);
    const paused = await requestMentorBySms(app, nextPhone(), { consent: true });
    expect(paused.reply.join('\n')).toContain('Du er nummer 1 i køen.');
    expect(paused.reply.join('\n')).toContain(NO_ESTIMATE);

    expect((await kari.request('DELETE', '/api/mentor/me/pause')).status).toBe(204);
    await accept(paused.handoverId);
    await close(paused.handoverId);
    const back = (await requestMentorBySms(app, nextPhone(), { consent: true })).reply.join('\n');
    expect(back).toMatch(/Du er nummer 1 i køen\. Ventetiden er omtrent \d+ minutter\./);
  });

  it('never gives a number to a person in crisis: they hear that they are first', async () => {
    const send = smsUser(app, nextPhone());
    const crisisTurn = (await send('jeg vil ikke leve mer')).join('\n');
    expect(crisisTurn).toContain('først i køen');
    const afterConsent = (await send('ja')).join('\n');
    expect(`${crisisTurn}\n${afterConsent}`).not.toMatch(/minutt/);
  });

  it('is no minutes when every mentor on duty is busy, or nobody has been at the console lately', async () => {
    const queue = (await kari.request('GET', '/api/mentor/handovers')).data as Array<{ id: string }>;
    expect(queue).toHaveLength(2);
    for (const waiting of queue) await accept(waiting.id);
    const busy = await requestMentorBySms(app, nextPhone(), { consent: true });
    expect(busy.reply.join('\n')).toContain(NO_ESTIMATE);

    for (const held of queue) await close(held.id);
    await close(busy.handoverId);
    // kari is free again, but her console has not been seen for longer than the grace period
    clock.advance(4 * MINUTE);
    const away = await requestMentorBySms(app, nextPhone(), { consent: true });
    expect(away.reply.join('\n')).toContain(NO_ESTIMATE);
  });
});
