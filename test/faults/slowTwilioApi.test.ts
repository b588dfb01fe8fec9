/**
 * Twilio's REST API failing or stalling while a mentor writes to a person by SMS, through the real
 * application (createApp, the default retry delays): the send is retried with growing waits, the
 * mentor sees "sending" and then the outcome, on any instance, and no webhook turn waits for it.
 * PostgreSQL: the mentor writes at one instance and reads the status at the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMentor, loginMentor, type MentorClient, requestMentorBySms } from '../handover/support/handoverApp.js';
import { numberSeries, PUBLIC_BASE_URL, sendSms } from '../multiInstance/smsClient.js';
import { freshLocation, type StoreKind, storeEnv } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { withResource } from '../support/needs.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { type HeldHttpGate, startHeldHttpGate } from './heldHttpGate.js';

interface MessageView {
  direction: string;
  text: string;
  delivery?: string;
}

const STATUS_WITHIN_MS = 15_000;

const postgres = await startTestPostgres();
let twilioApi: FakeTwilioApi;
let gate: HeldHttpGate;

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  gate = await startHeldHttpGate(twilioApi.baseUrl);
});

afterAll(async () => {
  await gate?.close();
  await twilioApi?.close();
  await postgres?.stop();
});

async function messagesOf(mentor: MentorClient, handoverId: string): Promise<MessageView[]> {
  const response = await mentor.request('GET', `/api/mentor/handovers/${handoverId}`);
  expect(response.status).toBe(200);
  return (response.data as { messages: MessageView[] }).messages;
}

async function waitForDelivery(mentor: MentorClient, handoverId: string, text: string, status: string) {
  const deadline = Date.now() + STATUS_WITHIN_MS;
  for (;;) {
    const message = (await messagesOf(mentor, handoverId)).find((candidate) => candidate.text === text);
    if (message?.delivery === status) return;
    if (Date.now() > deadline) throw new Error(`"${text}" is ${message?.delivery}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The person with a mentor: `writer` is the mentor's session at the first instance, `reader` at the second. */
async function personWithMentor(kind: StoreKind, prefix: string) {
  gate.arrivals.length = 0;
  twilioApi.sent.length = 0;
  const location = await freshLocation(kind, postgres);
  const env = {
    ...storeEnv(location),
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
    TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
    TWILIO_API_BASE_URL: gate.baseUrl,
  };
  const first = await startTestApp({ env });
  const second = kind === 'postgres' ? await startTestApp({ env }) : first;
  const nextNumber = numberSeries(prefix);
  await addMentor(first, 'kari');
  const writer = await loginMentor(first, 'kari');
  // the same mentor's console open at the other instance
  const reader = await loginMentor(second, 'kari');
  const person = nextNumber();
  const { handoverId } = await requestMentorBySms(first, person, { consent: true });
  expect((await writer.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
  await first.handovers.idle();
  const close = async () => {
    gate.release();
    for (const app of new Set<TestApp>([first, second])) await app.close();
  };
  return { first, second, writer, reader, person, other: nextNumber(), handoverId, close };
}

async function failingApi(kind: StoreKind, prefix: string): Promise<void> {
  const { writer, reader, handoverId, close } = await personWithMentor(kind, prefix);
  try {
    twilioApi.failNext(2);
    const written = await writer.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'Er du der?',
    });
    expect(written.status).toBe(201);
    expect(written.data).toMatchObject({ delivery: 'sending' });
    await waitForDelivery(reader, handoverId, 'Er du der?', 'sending');
    await waitForDelivery(reader, handoverId, 'Er du der?', 'sent');

    const attempts = gate.arrivals.filter((arrival) => arrival.smsBody === 'Er du der?').map((arrival) => arrival.at);
    expect(attempts).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = attempts;
    // backoff: each wait is longer than the one before
    expect(second - first).toBeGreaterThan(300);
    expect(third - second).toBeGreaterThan(second - first);
    expect(twilioApi.sent.filter((sms) => sms.body === 'Er du der?')).toHaveLength(1);
  } finally {
    await close();
  }
}

async function stalledApi(kind: StoreKind, prefix: string): Promise<void> {
  const { first, second, writer, reader, person, other, handoverId, close } = await personWithMentor(kind, prefix);
  try {
    gate.hold();
    const written = await writer.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei igjen' });
    expect(written.status).toBe(201);
    await expect.poll(() => gate.heldCount(), { timeout: STATUS_WITHIN_MS }).toBeGreaterThan(0);

    // while the send hangs: the same person's next SMS (to the mentor), and a stranger's, at both instances
    const [toMentor, stranger] = await Promise.all([
      sendSms(first.baseUrl, person, 'Ja, jeg er her'),
      sendSms(second.baseUrl, other, 'Hei'),
    ]);
    expect(gate.heldCount()).toBeGreaterThan(0);
    expect(toMentor.status).toBe(200);
    expect(toMentor.messages).toEqual([]);
    expect(stranger.status).toBe(200);
    expect(stranger.messages.length).toBeGreaterThan(0);
    const meanwhile = await messagesOf(reader, handoverId);
    expect(meanwhile.find((message) => message.text === 'Hei igjen')).toMatchObject({ delivery: 'sending' });
    expect(meanwhile.at(-1)).toMatchObject({ direction: 'user', text: 'Ja, jeg er her' });
    expect(twilioApi.sent.map((sms) => sms.body)).not.toContain('Hei igjen');

    gate.release();
    await waitForDelivery(reader, handoverId, 'Hei igjen', 'sent');
    expect(twilioApi.sent.filter((sms) => sms.body === 'Hei igjen')).toEqual([
      {
        accountSid: TEST_TWILIO.accountSid,
        to: person,
        from: TEST_TWILIO.fromNumber,
        body: 'Hei igjen',
        sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      },
    ]);
  } finally {
    await close();
  }
}

describe('a failing or stalled Twilio API', () => {
  it('retries a failing send with growing waits; the mentor sees sending, then sent (SQLite)', () =>
    failingApi('sqlite', '48'));
  it('answers webhooks while a send hangs, and delivers when Twilio answers again (SQLite)', () =>
    stalledApi('sqlite', '49'));

  it(
    'shows the delivery status at the other instance while retrying (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => failingApi('postgres', '50')),
  );
  it(
    'answers webhooks at both instances while a send hangs (PostgreSQL)',
    withResource(postgres, POSTGRES_MISSING, () => stalledApi('postgres', '51')),
  );
});
