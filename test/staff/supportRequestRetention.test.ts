/**
 * "I need to talk this through" requests do not stay for ever: the retention job deletes a request
 * RETENTION_DAYS after a coordinator saw it; one nobody has seen yet stays until it is seen.
 * (The SQL of both dialects is in test/storage/storeContract.ts.)
 */
import { expect, it } from 'vitest';
import { loginMentor, type MentorClient } from '../handover/support/handoverApp.js';
import { mentorApiSetting } from '../support/mentorApi.js';

const DAY_MS = 24 * 3_600_000;
const RETENTION_DAYS = 30;
const setting = mentorApiSetting({
  accounts: [{ username: 'liv', role: 'coordinator', login: false }, { username: 'kari' }],
  app: { retentionDays: RETENTION_DAYS },
});

interface SupportRequestView {
  id: string;
  mentor: string;
  seenBy: string | null;
}

it('deletes a seen support request RETENTION_DAYS after it was seen, and keeps an open one', async () => {
  const { app } = setting;
  const kari = setting.client('kari');
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
