/**
 * Over SMS, through the real app (signed webhooks, real NLU, dialogs and SQLite): only a clear wish
 * opts a number out. A sentence with "melding", "stopp", "slutt" or "avslutte" in passing gets an
 * ordinary answer and the number keeps getting messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_OPT_OUT, OPT_OUT } from '../../nlu/optOutSentences.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../../support/testApp.js';
import { smsReplyText } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
const OPT_OUT_CONFIRMATION = /flere meldinger fra meg|fleire meldingar frå meg|any more messages from me/;
let app: TestApp;
let phone = 42000000;

const sms = (from: string, body: string): Promise<string> =>
  smsReplyText({ baseUrl: app.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken }, from, body);

const isOptedOut = (from: string) => app.store.transaction(null, (uow) => uow.optOuts.isOptedOut('sms', from));

beforeAll(async () => {
  app = await startTestApp({
    env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber },
  });
});

afterAll(async () => {
  await app.close();
});

describe('SMS opt-out only on a clear wish', () => {
  it.each(NOT_OPT_OUT)('"%s" gets an ordinary answer and no opt-out', async (text) => {
    phone += 1;
    const from = `+47${phone}`;
    await sms(from, 'Hei');
    const reply = await sms(from, text);
    expect(reply).not.toMatch(OPT_OUT_CONFIRMATION);
    expect(reply.length).toBeGreaterThan(0);
    expect(await isOptedOut(from)).toBe(false);
  });

  it.each(OPT_OUT)('"%s" opts the number out with the confirmation', async (text) => {
    phone += 1;
    const from = `+47${phone}`;
    await sms(from, 'Hei');
    const reply = await sms(from, text);
    expect(reply).toMatch(OPT_OUT_CONFIRMATION);
    expect(await isOptedOut(from)).toBe(true);
  });
});
