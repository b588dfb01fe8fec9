/**
 * Retention and SLETT through the real application, on SQLite and on PostgreSQL, proved by reading
 * every row of every table afterwards. (test/handover/handoverLifecycle.test.ts checks retention of one
 * closed handover on SQLite; this suite runs on both stores and adds the bot-only and opted-out
 * conversations, the person's own words, and erasure by SMS in the middle of a mentor conversation.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  addMentor,
  choiceNumber,
  loginMentor,
  type MentorClient,
  requestMentorBySms,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { numberSeries, sendSms, storedConversation, twilioEnv } from './smsClient.js';
import {
  allRows,
  freshLocation,
  rowsMentioning,
  type StoreKind,
  type StoreLocation,
  storeEnv,
} from './storeLocation.js';

const DAY_MS = 24 * 3_600_000;

/** phone numbers are sealed at rest: never found in clear, before or after */
const isPhoneNumber = (needle: string) => /^\+\d+$/.test(needle);
const notPhoneNumber = (needle: string) => !isPhoneNumber(needle);

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

async function startApp(kind: StoreKind): Promise<{ app: TestApp; location: StoreLocation; kari: MentorClient }> {
  const location = await freshLocation(kind, postgres);
  const app = await startTestApp({
    env: { ...twilioEnv(twilioApi.baseUrl), ...storeEnv(location), RETENTION_DAYS: '30' },
  });
  await addMentor(app, 'kari');
  return { app, location, kari: await loginMentor(app, 'kari') };
}

async function say(app: TestApp, from: string, ...texts: string[]): Promise<string[]> {
  let last: string[] = [];
  for (const text of texts) {
    const response = await sendSms(app.baseUrl, from, text);
    expect(response.status, text).toBe(200);
    last = response.messages;
  }
  return last;
}

async function conversationId(app: TestApp, from: string): Promise<string> {
  const stored = await storedConversation(app.store, from);
  if (!stored) throw new Error(`no conversation for ${from}`);
  return stored.id;
}

/** A person who talked with Kari until she closed the conversation; returns what identifies it. */
async function closedMentorConversation(app: TestApp, kari: MentorClient, from: string): Promise<string[]> {
  const { handoverId } = await requestMentorBySms(app, from, { consent: true });
  expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
  await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, det er Kari her.' });
  await say(app, from, 'Jeg heter Ola Nordmann og jobber på lageret');
  await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' });
  await app.handovers.idle();
  return [from, handoverId, await conversationId(app, from), 'Ola Nordmann', 'Hei, det er Kari her.'];
}

async function retentionLeavesNothing(kind: StoreKind): Promise<void> {
  const { app, location, kari } = await startApp(kind);
  const nextNumber = numberSeries(kind === 'sqlite' ? '52' : '53');
  try {
    await app.timers.runDue();
    const withMentor = await closedMentorConversation(app, kari, nextNumber());
    const botOnly = nextNumber();
    await say(app, botOnly, 'Hei', 'hva er IPS', 'Jeg er sykmeldt fra Rema i Bodø');
    const botOnlyId = await conversationId(app, botOnly);
    const optedOut = nextNumber();
    await say(app, optedOut, 'Jeg vil snakke om sjefen min Per', 'STOPP');
    const optedOutId = await conversationId(app, optedOut);
    const gone = [...withMentor, botOnly, botOnlyId, 'Rema i Bodø', optedOutId, 'sjefen min Per'];
    const before = await allRows(location);
    for (const needle of gone.filter(notPhoneNumber)) expect(rowsMentioning(before, [needle]), needle).not.toEqual([]);
    expect(rowsMentioning(before, gone.filter(isPhoneNumber))).toEqual([]);

    app.clock.advance(31 * DAY_MS);
    const recent = nextNumber();
    await say(app, recent, 'Hei', 'hva er lønnstilskudd');
    await app.timers.runDue();

    const rows = await allRows(location);
    expect(Object.keys(rows)).toEqual(
      expect.arrayContaining(['conversations', 'transcript_messages', 'processed_inbound', 'handovers', 'timers']),
    );
    expect(rowsMentioning(rows, gone)).toEqual([]);
    // numbers are sealed at rest: not one is in clear, not even the recent one
    expect(rowsMentioning(rows, [optedOut, recent])).toEqual([]);
    expect(rows.opt_outs).toHaveLength(1);
    expect(rowsMentioning(rows, [await conversationId(app, recent)]).length).toBeGreaterThan(3);
    expect(rows.mentor_sessions).toEqual([]);
    // a STOPP is honoured for as long as the number exists: its hashed opt-out row outlives retention
    expect((await sendSms(app.baseUrl, optedOut, 'Hei igjen')).messages).toEqual([]);
  } finally {
    await app.close();
  }
}

async function slettLeavesNothing(kind: StoreKind): Promise<void> {
  const { app, location, kari } = await startApp(kind);
  const t = (key: string) => app.translations.t('nb', key);
  const nextNumber = numberSeries(kind === 'sqlite' ? '54' : '55');
  try {
    const kept = nextNumber();
    await say(app, kept, 'Hei', 'hva er IPS');
    const keptId = await conversationId(app, kept);

    const person = nextNumber();
    const { handoverId } = await requestMentorBySms(app, person, { consent: true });
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Kari her.' });
    await say(app, person, 'Jeg heter Kari Hansen og er redd for å miste jobben');
    await app.handovers.idle();
    const personId = await conversationId(app, person);
    const about = [person, personId, handoverId, 'Kari Hansen', 'miste jobben', 'Hei, Kari her.'];
    const before = await allRows(location);
    for (const needle of about.filter(notPhoneNumber)) expect(rowsMentioning(before, [needle]), needle).not.toEqual([]);
    expect(rowsMentioning(before, [person, kept])).toEqual([]);

    const question = await say(app, person, 'SLETT');
    expect(await say(app, person, choiceNumber(question, t('dialog.choice.eraseYes')))).toEqual([
      t('dialog.erase.done'),
    ]);
    await app.handovers.idle();

    const rows = await allRows(location);
    expect(rowsMentioning(rows, about)).toEqual([]);
    expect(rowsMentioning(rows, [keptId]).length).toBeGreaterThan(3);
    expect((await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).status).toBe(404);
    const queue = (await kari.request('GET', '/api/mentor/handovers')).data as Array<{ id: string }>;
    expect(queue.map((handover) => handover.id)).not.toContain(handoverId);
  } finally {
    await app.close();
  }
}

describe('retention and erasure, every table checked', () => {
  it('RETENTION_DAYS removes old conversations with everything about them (SQLite)', () =>
    retentionLeavesNothing('sqlite'));
  it('SLETT during a mentor conversation removes everything about the number (SQLite)', () =>
    slettLeavesNothing('sqlite'));

  it(
    'RETENTION_DAYS removes old conversations with everything about them (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => retentionLeavesNothing('postgres')),
  );
  it(
    'SLETT during a mentor conversation removes everything about the number (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => slettLeavesNothing('postgres')),
  );
});
