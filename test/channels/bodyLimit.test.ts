/**
 * The webhooks take request bodies up to 256 KB: a body just under the limit is processed as usual,
 * one over it is refused with 413 before anything is stored or answered. On the real application
 * (its own HTTP server and body parsing), for both the SMS webhook (form-encoded, correctly signed)
 * and the Bot Framework endpoint (JSON).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBotConnector, startFakeBotConnector } from '../support/fakeBotConnector.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { postSmsWebhook } from '../support/twilioWebhook.js';

const LIMIT_BYTES = 256 * 1024;
const JUST_UNDER = LIMIT_BYTES - 1024;
const OVER = LIMIT_BYTES + 1024;
const PUBLIC_BASE_URL = 'https://helpline.test';

let app: TestApp;
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  app = await startTestApp({ env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken } });
});

afterAll(async () => {
  await app?.close();
  await connector?.close();
});

function stored(channel: 'sms' | 'webchat', address: string) {
  return app.store.transaction(null, (uow) => uow.conversations.findByAddress(channel, address));
}

/** a correctly signed SMS webhook whose form body is `totalBytes` long (padded in an extra field) */
async function smsOfSize(from: string, totalBytes: number) {
  const base = { from, body: 'Hei', messageSid: `SM${randomUUID().replaceAll('-', '')}` };
  const withoutPadding = new URLSearchParams({
    MessageSid: base.messageSid,
    AccountSid: 'ACtest',
    From: from,
    To: '+4799999999',
    Body: base.body,
    NumMedia: '0',
    Padding: '',
  }).toString().length;
  return postSmsWebhook({
    baseUrl: app.baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    ...base,
    extra: { Padding: 'x'.repeat(totalBytes - withoutPadding) },
  });
}

/** a Bot Framework activity "Hei" whose JSON body is `totalBytes` long (padded in channelData) */
async function activityOfSize(conversationId: string, totalBytes: number): Promise<Response> {
  const activity = {
    type: 'message',
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot-1', role: 'bot' },
    text: 'Hei',
    channelData: { padding: '' },
  };
  const padding = 'x'.repeat(totalBytes - Buffer.byteLength(JSON.stringify(activity)));
  const body = JSON.stringify({ ...activity, channelData: { padding } });
  expect(Buffer.byteLength(body)).toBe(totalBytes);
  return fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

describe('request bodies up to 256 KB', () => {
  test('SMS webhook: just under the limit is answered and stored', async () => {
    const from = '+4791110001';
    const response = await smsOfSize(from, JUST_UNDER);
    expect(response.status).toBe(200);
    expect(response.body).toContain('<Message>');
    expect(await stored('sms', from)).toBeDefined();
  });

  test('SMS webhook: over the limit is 413, nothing stored', async () => {
    const from = '+4791110002';
    const response = await smsOfSize(from, OVER);
    expect(response.status).toBe(413);
    expect(await stored('sms', from)).toBeUndefined();
  });

  test('Bot Framework: just under the limit is answered and stored', async () => {
    const conversationId = `limit-under-${randomUUID()}`;
    const response = await activityOfSize(conversationId, JUST_UNDER);
    expect(response.status).toBe(200);
    expect(await stored('webchat', conversationId)).toBeDefined();
    expect(connector.received.some((recorded) => recorded.conversationId === conversationId)).toBe(true);
  });

  test('Bot Framework: over the limit is 413, nothing stored or sent', async () => {
    const conversationId = `limit-over-${randomUUID()}`;
    const response = await activityOfSize(conversationId, OVER);
    expect(response.status).toBe(413);
    expect(await stored('webchat', conversationId)).toBeUndefined();
    // the request is over when it is answered: a reply would already be at the connector
    expect(connector.received.some((recorded) => recorded.conversationId === conversationId)).toBe(false);
  });
});
