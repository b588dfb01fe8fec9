/**
 * Issue 11, point 8: a callback someone can answer. After hours a web chat visitor leaves a mobile
 * number (on the local Direct Line, as the chat page does); the mentor sees it with the callback and
 * starts an SMS conversation from there (fake Twilio API); the person's SMS replies reach the mentor.
 * The number goes with the callback: when it is answered, cancelled, erased (SLETT) or retained out.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkPhoneNumbers } from '../../src/channels/webchat/phoneLinks.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { type DirectLineVisitor, openDirectLineVisitor } from './support/directLineVisitor.js';
import {
  addMentor,
  choiceNumber,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  openHandoverIdOf,
  PUBLIC_BASE_URL,
  smsUser,
  startHandoverApp,
} from './support/handoverApp.js';

interface Callback {
  id: string;
  channel: string;
  phone: string | null;
}
interface Detail {
  id: string;
  channel: string;
  status: string;
  mentor: string | null;
  crisis: boolean;
  messages: Array<{ direction: string; text: string }>;
}

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let kari: MentorClient;
const visitors: DirectLineVisitor[] = [];
const t = (key: string, params?: Record<string, string | number>) => app.translations.t('nb', key, params);

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  // the test clock starts on a Tuesday at 10:00: closed
  app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: 'mon 09:00-10:00' });
  await addMentor(app, 'kari');
  kari = await loginMentor(app, 'kari');
});

afterEach(async () => {
  await app.handovers.idle();
  twilioApi.sent.length = 0;
});

afterAll(async () => {
  for (const visitor of visitors) await visitor.close();
  await app?.close();
  await twilioApi?.close();
});

/** a web chat visitor after hours asks for a mentor, consents, and leaves `phone` (or not) */
async function webCallback(phone: string | undefined): Promise<{ visitor: DirectLineVisitor; callbackId: string }> {
  const visitor = await openDirectLineVisitor(app.baseUrl);
  visitors.push(visitor);
  await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));
  await visitor.tap(t('dialog.choice.mentor'));
  await visitor.waitFor((activity) => activity.text === t('handover.consent.afterHoursQuestion'));
  await visitor.tap(t('handover.choice.consentYes'));
  await visitor.waitFor((activity) => activity.text === t('handover.callback.askPhone', { retentionDays: 30 }));
  if (phone === undefined) {
    await visitor.tap(t('handover.choice.noPhone'));
    await visitor.waitFor((activity) => activity.text === t('handover.callback.chat'));
  } else {
    await visitor.say(phone);
    await visitor.waitFor((activity) => activity.text === t('handover.callback.phoneSaved'));
  }
  const callbackId = await openHandoverIdOf(app.store, visitor.conversationId, 'webchat');
  if (!callbackId) throw new Error('no callback for the visitor');
  return { visitor, callbackId };
}

async function callbacks(): Promise<Callback[]> {
  const response = await kari.request('GET', '/api/mentor/callbacks');
  expect(response.status).toBe(200);
  return response.data as Callback[];
}

const storedPhone = (id: string) =>
  app.store.transaction(null, async (uow) => (await uow.handovers.get(id))?.contactPhone);

describe('a web chat callback answered by SMS', () => {
  it('shows the number with the callback, starts an ordinary SMS handover, and the replies reach the mentor', async () => {
    const { visitor, callbackId } = await webCallback('+47 912 34 567');
    expect((await callbacks()).find((callback) => callback.id === callbackId)).toMatchObject({
      channel: 'webchat',
      phone: '+4791234567',
    });
    // the number is kept with the callback, not in the transcript
    const transcript = await app.store.transaction(null, (uow) => uow.transcript.list(visitor.conversationId));
    expect(transcript.map((message) => message.text).join('\n')).not.toMatch(/912\s?34\s?567/);

    const started = await kari.request('POST', `/api/mentor/handovers/${callbackId}/sms`, {
      text: 'Hei, dette er Kari fra Arbeidslivstelefonen.',
    });
    expect(started.status).toBe(201);
    const smsHandover = started.data as Detail;
    expect(smsHandover).toMatchObject({ channel: 'sms', status: 'active', mentor: 'kari' });

    const sent = await twilioApi.waitForMessages(2);
    expect(sent.map((message) => message.to)).toEqual(['+4791234567', '+4791234567']);
    expect(sent[0]?.body).toBe(t('handover.startedByMentor'));
    expect(sent[1]?.body).toBe('Hei, dette er Kari fra Arbeidslivstelefonen.');

    // the web callback is answered, and its number gone with it
    expect((await callbacks()).map((callback) => callback.id)).not.toContain(callbackId);
    expect(await storedPhone(callbackId)).toBeNull();

    expect(await smsUser(app, '+4791234567')('Takk for at du tok kontakt!')).toEqual([]);
    const detail = (await kari.request('GET', `/api/mentor/handovers/${smsHandover.id}`)).data as Detail;
    expect(detail.messages.map((message) => [message.direction, message.text])).toEqual([
      ['bot', t('handover.startedByMentor')],
      ['mentor', 'Hei, dette er Kari fra Arbeidslivstelefonen.'],
      ['user', 'Takk for at du tok kontakt!'],
    ]);

    // answered once: a second start is a conflict, not a second conversation
    const again = await kari.request('POST', `/api/mentor/handovers/${callbackId}/sms`, { text: 'Hei igjen' });
    expect(again).toEqual({ status: 409, data: { error: 'not_callback' } });
  });

  it('follows the other mentor routes: Origin, session, a body with text, and a number to text', async () => {
    const { callbackId } = await webCallback(undefined);
    expect((await callbacks()).find((callback) => callback.id === callbackId)?.phone).toBeNull();
    const path = `/api/mentor/handovers/${callbackId}/sms`;
    const foreign = await kari.request('POST', path, { text: 'Hei' }, { origin: 'https://evil.example' });
    expect(foreign).toEqual({ status: 403, data: { error: 'forbidden_origin' } });
    const anonymous = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC_BASE_URL },
      body: JSON.stringify({ text: 'Hei' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await kari.request('POST', path, { text: '   ' })).status).toBe(400);
    expect(await kari.request('POST', path, { text: 'Hei' })).toEqual({ status: 409, data: { error: 'no_contact' } });
    expect(await kari.request('POST', '/api/mentor/handovers/missing/sms', { text: 'Hei' })).toEqual({
      status: 404,
      data: { error: 'not_found' },
    });
    expect(twilioApi.sent).toEqual([]);
  });

  it('erases the number when the visitor cancels, erases with SLETT, or retention ends the conversation', async () => {
    const cancelled = await webCallback('41234567');
    await cancelled.visitor.say('AVBRYT');
    await cancelled.visitor.waitFor((activity) => activity.text === t('handover.cancelled'));
    expect(await storedPhone(cancelled.callbackId)).toBeNull();

    const erased = await webCallback('0047 41234568');
    await erased.visitor.say('SLETT');
    await erased.visitor.waitFor((activity) => activity.text === t('dialog.erase.confirm'));
    await erased.visitor.tap(t('dialog.choice.eraseYes'));
    await erased.visitor.waitFor((activity) => activity.text === t('dialog.erase.done'));
    expect(await storedPhone(erased.callbackId)).toBeUndefined();

    const retained = await webCallback('91234569');
    expect(await storedPhone(retained.callbackId)).toBe('+4791234569');
    app.clock.advance(31 * 24 * 3_600_000);
    await app.timers.runDue();
    expect(await storedPhone(retained.callbackId)).toBeUndefined();
    // the mentor's session expired over those days too
    kari = await loginMentor(app, 'kari');
  });
});

describe('a crisis on web chat after hours', () => {
  it('gives the crisis answer as one activity of its own, says plainly nobody is on duty, and repeats the numbers', async () => {
    // web chat shows every phone number as a tel: link
    const shown = (key: string) => linkPhoneNumbers(t(key));
    const visitor = await openDirectLineVisitor(app.baseUrl);
    visitors.push(visitor);
    await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));
    const before = visitor.received().length;
    await visitor.say('Jeg vil ikke leve lenger');
    await visitor.waitFor((activity) => activity.text === shown('crisis.afterHours'));
    const turn = visitor.received().slice(before);
    expect(turn.map((activity) => activity.text)).toEqual([shown('crisis.alert'), shown('crisis.afterHours')]);
    expect(turn[0]?.channelData?.crisis).toBe(true);
    await visitor.say('hallo? er det noen der');
    await visitor.waitFor((activity) => activity.text === shown('crisis.reminder'));
  });
});

describe('an SMS callback answered by SMS', () => {
  it('keeps the promise of the after-hours answer: the mentor texts back and the person reaches the mentor', async () => {
    const from = '+4798765432';
    const send = smsUser(app, from);
    const menu = await send('Hei');
    const question = await send(choiceNumber(menu, t('dialog.choice.mentor')));
    const reply = await send(choiceNumber(question, t('handover.choice.consentYes')));
    expect(reply.join('\n')).toContain(t('handover.callback.sms'));
    const callbackId = await openHandoverIdOf(app.store, from);
    if (!callbackId) throw new Error('no SMS callback');
    expect((await callbacks()).find((callback) => callback.id === callbackId)?.phone).toBe(from);

    const started = await kari.request('POST', `/api/mentor/handovers/${callbackId}/sms`, { text: 'Hei, Kari her.' });
    expect(started.status).toBe(201);
    expect(started.data).toMatchObject({ id: callbackId, channel: 'sms', status: 'active', mentor: 'kari' });
    const sent = await twilioApi.waitForMessages(2);
    expect(sent.map((message) => message.body)).toEqual([t('handover.accepted'), 'Hei, Kari her.']);
    expect(await send('Så fint, takk')).toEqual([]);
  });
});
