/**
 * Issue 11's crisis turn and small things over the real /api/sms webhook (real server, SQLite,
 * NLU, signed requests): what a person in crisis reads first, in which SMS, on and off duty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { postSmsWebhook, twimlMessages } from '../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
const env = { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken };

let onDuty: TestApp;
let offDuty: TestApp;
let phone = 42000000;

function smsTo(app: TestApp) {
  phone += 1;
  const from = `+47${phone}`;
  return async (body: string, extra?: Record<string, string>): Promise<string[]> => {
    const response = await postSmsWebhook({
      baseUrl: app.baseUrl,
      publicBaseUrl: PUBLIC_BASE_URL,
      authToken: TEST_TWILIO.authToken,
      from,
      body,
      ...(extra ? { extra } : {}),
    });
    expect(response.status).toBe(200);
    return twimlMessages(response.body);
  };
}

const t = (app: TestApp, key: string, locale: 'nb' | 'nn' | 'en' = 'nb') => app.translations.t(locale, key);

beforeAll(async () => {
  onDuty = await startTestApp({ env: { ...env, OPENING_HOURS: 'always' } });
  // a Saturday night: nobody on duty
  offDuty = await startTestApp({
    env: { ...env, OPENING_HOURS: 'mon-fri 09:00-15:00' },
    clock: createTestClock('2026-11-28T22:00:00+01:00'),
  });
});

afterAll(async () => {
  await onDuty.close();
  await offDuty.close();
});

describe('the crisis turn over SMS', () => {
  it('on duty: the crisis answer is the first SMS, alone; the place in the queue and consent come in the next', async () => {
    const send = smsTo(onDuty);
    await send('Hva er arbeidstrening?');
    const reply = await send('Jeg vil ikke leve lenger');
    expect(reply[0]).toBe(t(onDuty, 'crisis.alertSms'));
    expect(reply).toHaveLength(2);
    expect(reply[1]).toContain('først i køen');
    expect(reply[1]).toMatch(/^1\. .+\n2\. .+/m);
    expect(reply.join('\n')).not.toMatch(/minutt/);
    const handover = await onDuty.store.transaction(null, async (uow) => {
      const conversation = await uow.conversations.findByAddress('sms', `+47${phone}`);
      return conversation && uow.handovers.findOpenByConversation(conversation.id);
    });
    // first in the queue, about the crisis, not the topic browsed before
    expect(handover).toMatchObject({ status: 'waiting', crisis: true, consent: false, topic: null });
    const answer = await send('ja');
    expect(answer).toEqual([expect.stringContaining(t(onDuty, 'handover.consent.crisisShared'))]);
  });

  it('off duty: says so plainly with the 24/7 numbers, and repeats them instead of "saved"', async () => {
    const send = smsTo(offDuty);
    const reply = await send('Jeg vil ikke leve lenger');
    expect(reply).toEqual([t(offDuty, 'crisis.alertSms'), t(offDuty, 'crisis.afterHours')]);
    expect(reply[1]).toMatch(/116 123.*sidetmedord\.no.*113/s);
    const later = await send('hallo? er det noen der');
    expect(later).toEqual([t(offDuty, 'crisis.reminder')]);
    expect(later.join('\n')).not.toContain('lagret');
  });
});

describe('the crisis turn in nynorsk and English', () => {
  it('nn: off duty, the crisis answer and the plain after-hours words, in nynorsk', async () => {
    const send = smsTo(offDuty);
    await send('NYNORSK');
    expect(await send('eg vil ikkje leve lenger')).toEqual([
      t(offDuty, 'crisis.alertSms', 'nn'),
      t(offDuty, 'crisis.afterHours', 'nn'),
    ]);
    expect(await send('hallo?')).toEqual([t(offDuty, 'crisis.reminder', 'nn')]);
  });

  it('en: on duty, the crisis answer alone, then first in the queue with the consent question', async () => {
    const send = smsTo(onDuty);
    await send('ENGLISH');
    const reply = await send('I want to kill myself');
    expect(reply[0]).toBe(t(onDuty, 'crisis.alertSms', 'en'));
    // the bokmål test before may still be waiting in crisis: then this one is at the front, as number 2
    const position = 2;
    expect([
      t(onDuty, 'handover.queue.crisisFirstConsent', 'en'),
      onDuty.translations.t('en', 'handover.queue.crisisFrontConsent', { position }),
    ]).toContain(reply[1]?.split('\n\n')[0]);
    expect(reply[1]).not.toMatch(/minute/);
    expect(reply).toHaveLength(2);
  });
});

describe('small things over SMS', () => {
  it('STOPP as the first message gets only the stop confirmation', async () => {
    expect(await smsTo(onDuty)('stopp.')).toEqual([t(onDuty, 'dialog.optout.confirmed')]);
  });

  it('an empty SMS, a picture without text and emoji alone get their own answers', async () => {
    const send = smsTo(onDuty);
    await send('Hei');
    expect(await send('')).toEqual([t(onDuty, 'dialog.empty')]);
    expect(await send('', { NumMedia: '1', MediaUrl0: 'https://example.test/a.jpg' })).toEqual([
      t(onDuty, 'dialog.picture'),
    ]);
    const emoji = await send('🙂👍');
    expect(emoji[0]).toContain(t(onDuty, 'dialog.emojiOnly'));
  });

  it('thanks in English gets a fitting answer in English', async () => {
    const send = smsTo(onDuty);
    await send('ENGLISH');
    expect((await send('thank you so much')).join('\n')).toContain(t(onDuty, 'dialog.thanks', 'en'));
  });
});
