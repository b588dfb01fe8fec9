import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gsm7Segments, isGsm7 } from '../../../src/channels/sms/gsm7.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../../support/fakeTwilioApi.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../../support/testApp.js';
import { newMessageSid, postSmsWebhook, twimlMessages } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
let app: TestApp;
let twilioApi: FakeTwilioApi;
let phone = 40000000;

function nextPhone(): string {
  phone += 1;
  return `+47${phone}`;
}

async function sms(from: string, body: string, extra: Partial<Parameters<typeof postSmsWebhook>[0]> = {}) {
  return postSmsWebhook({
    baseUrl: app.baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    from,
    body,
    ...extra,
  });
}

async function transcriptOf(address: string) {
  return app.store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress('sms', address);
    return conversation ? uow.transcript.list(conversation.id) : [];
  });
}

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  app = await startTestApp({
    env: {
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
      TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber,
      TWILIO_API_BASE_URL: twilioApi.baseUrl,
    },
  });
});

afterAll(async () => {
  await app.close();
  await twilioApi.close();
});

afterEach(() => {
  twilioApi.sent.length = 0;
});

describe('POST /api/sms', () => {
  it('answers a signed "Hei" with Norwegian TwiML that says it is a bot and offers numbered choices', async () => {
    const response = await sms(nextPhone(), 'Hei');
    expect(response.status).toBe(200);
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message statusCallback="[^"]+\/api\/sms\/status\?inReplyTo=SM\w+">/,
    );
    const text = twimlMessages(response.body).join('\n');
    expect(text).toMatch(/\bbot\b|chatbot|robot/i);
    expect(text).toMatch(/^1\. \S/m);
    expect(text).toMatch(/^2\. \S/m);
    for (const message of twimlMessages(response.body)) {
      expect(isGsm7(message)).toBe(true);
      expect(gsm7Segments(message)).toBeLessThanOrEqual(3);
    }
  });

  it('rejects an unsigned or wrongly signed webhook with 403 and stores nothing', async () => {
    const from = nextPhone();
    const unsigned = await sms(from, 'Hei', { signature: null });
    const wrong = await sms(from, 'Hei', { signature: 'bm90IGEgc2lnbmF0dXJl' });
    const otherUrl = await sms(from, 'Hei', { publicBaseUrl: 'https://attacker.test' });
    expect([unsigned.status, wrong.status, otherUrl.status]).toEqual([403, 403, 403]);
    expect(await transcriptOf(from)).toEqual([]);
  });

  it('answers a malformed body with 400', async () => {
    const response = await fetch(`${app.baseUrl}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'not a form at all',
    });
    // unsigned, so the signature check answers first; a signed body without From is the 400 case
    expect(response.status).toBe(403);
    const noFrom = await sms('', 'Hei');
    expect(noFrom.status).toBe(400);
    expect(noFrom.body).toMatch(/From/);
  });

  it('answers a replayed MessageSid with the same reply and one transcript entry', async () => {
    const from = nextPhone();
    const messageSid = newMessageSid();
    const first = await sms(from, 'Hei', { messageSid });
    const again = await sms(from, 'Hei', { messageSid });
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    const userLines = (await transcriptOf(from)).filter((message) => message.direction === 'user');
    expect(userLines).toHaveLength(1);
  });

  it('a reply of a number picks the choice offered at that place', async () => {
    const from = nextPhone();
    const menu = twimlMessages((await sms(from, 'Hei')).body).join('\n');
    expect(menu).toMatch(/^2\. \S/m);
    const stored = await app.store.transaction(null, (uow) => uow.conversations.findByAddress('sms', from));
    const snapshot = stored?.snapshot as { offeredChoices?: Array<{ id: string }> } | undefined;
    const secondChoice = snapshot?.offeredChoices?.[1]?.id;
    expect(secondChoice).toBeTruthy();
    const picked = twimlMessages((await sms(from, '2')).body);
    // the same choice picked directly (as a web chat button does) on a fresh conversation
    const other = nextPhone();
    await sms(other, 'Hei');
    const direct = await app.engine.handleMessage(
      { channel: 'sms', address: other, text: '', choice: secondChoice },
      () => '',
    );
    expect(direct.kind).toBe('turn');
    if (direct.kind !== 'turn') return;
    const expected = direct.outbound.map((message) => app.translations.t('nb', message.key, message.params));
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.map((text) => text.split('\n')[0])).toEqual(expected.map((text) => text.split('\n')[0]));
  });

  it('STOPP silences every reply until START', async () => {
    const from = nextPhone();
    await sms(from, 'Hei');
    const stop = twimlMessages((await sms(from, 'stopp')).body);
    expect(stop).toHaveLength(1);
    for (const text of ['Hei', 'hva er lønnstilskudd?', '1', 'MENY']) {
      const silent = await sms(from, text);
      expect(silent.status).toBe(200);
      expect(twimlMessages(silent.body)).toEqual([]);
    }
    const start = twimlMessages((await sms(from, 'START')).body);
    expect(start.length).toBeGreaterThan(0);
  });

  it('SLETT works after STOPP: it asks, erases everything, and confirms', async () => {
    const from = nextPhone();
    await sms(from, 'Hei');
    await sms(from, 'STOPP');
    const question = twimlMessages((await sms(from, 'SLETT')).body).join('\n');
    expect(question).toMatch(/^1\. \S/m);
    const done = twimlMessages((await sms(from, '1')).body);
    expect(done.length).toBeGreaterThan(0);
    expect(await transcriptOf(from)).toEqual([]);
    const optedOut = await app.store.transaction(null, (uow) => uow.optOuts.isOptedOut('sms', from));
    expect(optedOut).toBe(false);
  });

  it('still answers a crisis message after STOPP with the emergency numbers', async () => {
    const from = nextPhone();
    await sms(from, 'STOPP');
    const reply = twimlMessages((await sms(from, 'jeg vil ta livet mitt')).body).join('\n');
    expect(reply).toContain('113');
    expect(reply).toContain('116 123');
  });

  it('gives a kind answer to an empty message and to a picture without text', async () => {
    const empty = twimlMessages((await sms(nextPhone(), '   ')).body);
    const picture = twimlMessages(
      (await sms(nextPhone(), '', { extra: { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/x.jpg' } })).body,
    );
    expect(empty.join('').length).toBeGreaterThan(20);
    expect(picture.join('').length).toBeGreaterThan(20);
  });

  it('keeps a huge message whole in the transcript and still answers', async () => {
    const from = nextPhone();
    const huge = `Jeg lurer på lønnstilskudd. ${'bla '.repeat(3000)}`;
    const response = await sms(from, huge);
    expect(response.status).toBe(200);
    expect(twimlMessages(response.body).length).toBeGreaterThan(0);
    const userLine = (await transcriptOf(from)).find((message) => message.direction === 'user');
    expect(userLine?.text).toBe(huge.trim());
  });

  it('never writes the Body or From of a webhook to the log', async () => {
    const from = '+4798765432';
    await sms(from, 'Hemmelig melding om sjefen min');
    await sms(from, 'STOPP');
    const log = app.logLines.join('');
    expect(app.logLines.length).toBeGreaterThan(0);
    expect(log).not.toContain('98765432');
    expect(log).not.toContain('Hemmelig');
  });

  it('sends asynchronous SMS through the Twilio REST API at TWILIO_API_BASE_URL', async () => {
    const from = nextPhone();
    await sms(from, 'Hei');
    const conversation = await app.store.transaction(null, (uow) => uow.conversations.findByAddress('sms', from));
    expect(conversation).toBeDefined();
    if (!conversation) return;
    await app.engine.deliver(conversation, [{ kind: 'mentor', text: 'Hei, jeg er mentor – «velkommen» 😊' }]);
    const [sent] = await twilioApi.waitForMessages(1);
    expect(sent).toEqual({
      sid: expect.stringMatching(/^SM/),
      accountSid: TEST_TWILIO.accountSid,
      to: from,
      from: TEST_TWILIO.fromNumber,
      body: 'Hei, jeg er mentor - "velkommen"',
    });
  });

  it('retries a failing Twilio API with backoff', async () => {
    const from = nextPhone();
    await sms(from, 'Hei');
    const conversation = await app.store.transaction(null, (uow) => uow.conversations.findByAddress('sms', from));
    if (!conversation) throw new Error('conversation missing');
    twilioApi.failNext(1);
    await app.engine.deliver(conversation, [{ kind: 'mentor', text: 'Er du der?' }]);
    expect(twilioApi.sent.map((message) => message.body)).toEqual(['Er du der?']);
  });
});

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} while the store answers', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('two messages at the same moment in one conversation', () => {
  it('gives two whole turns in order, no lost update', async () => {
    const from = nextPhone();
    await sms(from, 'Hei');
    const [first, second] = await Promise.all([sms(from, 'hva er lønnstilskudd'), sms(from, 'hva er IPS')]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const transcript = await transcriptOf(from);
    const directions = transcript.map((message) => message.direction);
    // each user message is followed by the bot's answers to it before the next user message
    const userIndexes = directions.flatMap((direction, index) => (direction === 'user' ? [index] : []));
    expect(userIndexes).toHaveLength(3);
    for (const [position, index] of userIndexes.entries()) {
      const next = userIndexes[position + 1] ?? directions.length;
      expect(next - index).toBeGreaterThan(1);
    }
    const conversation = await app.store.transaction(null, (uow) => uow.conversations.findByAddress('sms', from));
    expect(conversation?.snapshot).toBeTruthy();
  });
});

describe('without the store', () => {
  it('answers 503 on /healthz and on a webhook, never 200 for an unstored message', async () => {
    const isolated = await startTestApp({ env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken } });
    await isolated.store.close();
    const health = await fetch(`${isolated.baseUrl}/healthz`);
    const webhook = await postSmsWebhook({
      baseUrl: isolated.baseUrl,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: TEST_TWILIO.authToken,
      from: nextPhone(),
      body: 'Hei',
    });
    expect(health.status).toBe(503);
    expect(webhook.status).toBe(503);
    await new Promise<void>((resolve) => isolated.server.close(() => resolve()));
  });
});
