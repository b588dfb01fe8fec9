/**
 * A number word typed at a numbered SMS menu ("to", "en", "ett", "ein") picks the choice, exactly as
 * the digit does, through the real app; it is never read as wanting a human.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TWILIO, type TestApp } from '../../support/testApp.js';
import { smsReplyText } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
let app: TestApp;
let phone = 43000000;

const sms = (from: string, body: string): Promise<string> =>
  smsReplyText({ baseUrl: app.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken }, from, body);

/** the reply to `pick` after the welcome menu, from a new number */
async function replyAtMenu(pick: string): Promise<string> {
  phone += 1;
  const from = `+47${phone}`;
  const welcome = await sms(from, 'Hei');
  expect(welcome).toMatch(/^2\. \S/m);
  return sms(from, pick);
}

beforeAll(async () => {
  app = await startTestApp({
    env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber },
  });
});

afterAll(async () => {
  await app.close();
});

describe('number words at a numbered SMS menu', () => {
  it.each([
    ['to', '2'],
    ['To.', '2'],
    ['en', '1'],
    ['ett', '1'],
    ['ein', '1'],
    ['tre', '3'],
  ])('"%s" gets the same answer as "%s"', async (word, digit) => {
    const byDigit = await replyAtMenu(digit);
    expect(await replyAtMenu(word)).toBe(byDigit);
  });
});
