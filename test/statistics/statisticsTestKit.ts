/**
 * The statistics tests' setting: the real app (SQLite in a temp dir or a PostgreSQL database) with a
 * fake Twilio API, signed SMS from people, a coordinator and a mentor logged in, and a scripted day
 * of conversations whose counts the tests then read through GET /api/staff/stats.
 */
import { expect } from 'vitest';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import {
  choiceNumber,
  loginMentor,
  MENTOR_PASSWORD,
  type MentorClient,
  PUBLIC_BASE_URL,
  requestMentorBySms,
  smsUser,
} from '../handover/support/handoverApp.js';
import { CHEAP_SCRYPT } from '../mentor/mentorTestKit.js';
import { type StoreKind, type StoreLocation, storeEnv } from '../multiInstance/storeLocation.js';
import type { FakeTwilioApi } from '../support/fakeTwilioApi.js';
import { startTestApp, TEST_TWILIO, type TestApp, type TestClock } from '../support/testApp.js';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export interface StatsSetting {
  app: TestApp;
  twilioApi: FakeTwilioApi;
  coordinator: MentorClient;
  mentor: MentorClient;
}

export function statsEnv(twilioApi: FakeTwilioApi, location: StoreLocation, keepSamples = false) {
  return {
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
    TWILIO_API_BASE_URL: twilioApi.baseUrl,
    OPENING_HOURS: 'always',
    RETENTION_DAYS: '30',
    KEEP_UNANSWERED_SAMPLES: String(keepSamples),
    ...storeEnv(location),
  };
}

export async function startStatsApp(options: {
  twilioApi: FakeTwilioApi;
  location: StoreLocation;
  keepSamples?: boolean;
  clock?: TestClock;
  /** false for a second instance on the same database: the accounts are there already */
  addAccounts?: boolean;
}): Promise<StatsSetting> {
  const app = await startTestApp({
    env: statsEnv(options.twilioApi, options.location, options.keepSamples),
    ...(options.clock ? { clock: options.clock } : {}),
    overrides: { smsRetryDelaysMs: [20, 40] },
  });
  if (options.addAccounts !== false) {
    await addStaff(app, 'kari', 'coordinator');
    await addStaff(app, 'ola', 'mentor');
  }
  return {
    app,
    twilioApi: options.twilioApi,
    coordinator: await loginMentor(app, 'kari'),
    mentor: await loginMentor(app, 'ola'),
  };
}

export async function addStaff(app: TestApp, username: string, role: 'mentor' | 'coordinator'): Promise<void> {
  const accounts = createMentorAccounts({ store: app.store, clock: app.clock, scryptParams: CHEAP_SCRYPT });
  const added = await accounts.add(username, MENTOR_PASSWORD, role);
  if (!added.ok) throw new Error(`could not add ${username}: ${added.code}`);
}

export function kindOf(location: StoreLocation): StoreKind {
  return location.kind;
}

function sentTo(twilioApi: FakeTwilioApi, to: string): string[] {
  return twilioApi.sent.filter((message) => message.to === to).map((message) => message.body);
}

/**
 * A small day at the helpline, on SMS: a question answered and a message not understood; a person
 * who waits 7 minutes for a mentor, is closed with "answered" and gives 4 of 5; one who leaves the
 * queue; one in crisis. Returns the numbers and the handover id, which nothing anonymous may hold.
 */
export async function aDayAtTheHelpline(setting: StatsSetting, numbers: () => string) {
  const { app, mentor, twilioApi } = setting;
  const t = (key: string) => app.translations.t('nb', key);
  const asker = numbers();
  const ask = smsUser(app, asker);
  await ask('Hei');
  await ask('hva er lønnstilskudd?');
  await ask('blablabla qwerty zxcv, ring meg på 912 34 567');

  const helped = numbers();
  const { handoverId } = await requestMentorBySms(app, helped, { consent: true });
  app.clock.advance(7 * MINUTE_MS);
  expect((await mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
  expect((await mentor.request('GET', `/api/mentor/handovers/${handoverId}`)).status).toBe(200);
  await mentor.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Ola her.' });
  const closed = await mentor.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
  expect(closed.status).toBe(200);
  await app.handovers.idle();
  const question = sentTo(twilioApi, helped).find((body) => body.startsWith(t('feedback.question.sms')));
  expect(question, 'the feedback question was texted').toBeDefined();
  const thanks = await smsUser(app, helped)(choiceNumber([question ?? ''], t('feedback.choice.4')));
  expect(thanks.join('\n')).toContain(t('feedback.thanks'));

  const leaver = numbers();
  await requestMentorBySms(app, leaver, { consent: false });
  await smsUser(app, leaver)('AVBRYT');

  const inCrisis = numbers();
  await smsUser(app, inCrisis)('jeg vil ikke leve lenger, jeg vil ta livet mitt');
  return { people: [asker, helped, leaver, inCrisis], asker, helped, handoverId };
}
