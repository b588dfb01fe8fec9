/**
 * "I need to talk this through" requests do not stay for ever: the retention job deletes a request
 * RETENTION_DAYS after a coordinator saw it; one nobody has seen yet stays until it is seen.
 * (The SQL of both dialects is in test/storage/storeContract.ts.)
 */
import { afterAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';

const DAY_MS = 24 * 3_600_000;
const RETENTION_DAYS = 30;
const opened: Array<HandoverTestApp | FakeTwilioApi> = [];

afterAll(async () => {
  for (const running of opened.reverse()) await running.close();
});

interface SupportRequestView {
  id: string;
  mentor: string;
  seenBy: string | null;
}

it('deletes a seen support request RETENTION_DAYS after it was seen, and keeps an open one', async () => {
  const twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  opened.push(twilioApi);
  const app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, retentionDays: RETENTION_DAYS });
  opened.push(app);
  await addMentor(app, 'liv', 'coordinator');
  await addMentor(app, 'kari');
  const kari = await loginMentor(app, 'kari');
  const asked = async () => {
    const { status, data } = await kari.request('POST', '/api/mentor/me/support-request', { afterCrisis: true });
    expect(status).toBe(201);
    return (data as { id: string }).id;
  };
  const seenOne = await asked();
  app.clock.advance(60_000);
  const openOne = await asked();
  let liv: MentorClient = await loginMentor(app, 'liv');
  expect((await liv.request('POST', `/api/staff/support-requests/${seenOne}/seen`)).status).toBe(200);
  const requests = async () => {
    // sessions end long before retention: log in again at each look
    liv = await loginMentor(app, 'liv');
    const { status, data } = await liv.request('GET', '/api/staff/support-requests?include=seen');
    expect(status).toBe(200);
    return (data as SupportRequestView[]).map(({ id, mentor, seenBy }) => ({ id, mentor, seenBy }));
  };

  app.clock.advance((RETENTION_DAYS - 1) * DAY_MS);
  await app.timers.runDue();
  expect(await requests()).toEqual([
    { id: openOne, mentor: 'kari', seenBy: null },
    { id: seenOne, mentor: 'kari', seenBy: 'liv' },
  ]);

  app.clock.advance(2 * DAY_MS);
  await app.timers.runDue();
  expect(await requests()).toEqual([{ id: openOne, mentor: 'kari', seenBy: null }]);
  expect(
    app.logLines.some((line) => line.includes('"event":"retention"') && line.includes('"supportRequests":1')),
  ).toBe(true);
});
