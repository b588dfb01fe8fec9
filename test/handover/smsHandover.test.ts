import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  openEventStream,
  openHandoverIdOf,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from './support/handoverApp.js';

interface Detail {
  id: string;
  status: string;
  crisis: boolean;
  mentor: string | null;
  summary: string;
  messages: Array<{ id: number; direction: string; text: string; at: string; delivery?: string }>;
}

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let kari: MentorClient;
let phone = 42000000;
function nextPhone(): string {
  phone += 1;
  return `+47${phone}`;
}
const t = (key: string, params?: Record<string, string | number>) => app.translations.t('nb', key, params);

async function detail(id: string): Promise<Detail> {
  const response = await kari.request('GET', `/api/mentor/handovers/${id}`);
  expect(response.status).toBe(200);
  return response.data as Detail;
}

async function queue(): Promise<Array<{ id: string; crisis: boolean; status: string }>> {
  return (await kari.request('GET', '/api/mentor/handovers')).data as Array<{
    id: string;
    crisis: boolean;
    status: string;
  }>;
}

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl });
  await addMentor(app, 'kari');
  kari = await loginMentor(app, 'kari');
});

afterEach(async () => {
  // leave an empty queue and an empty outbox for the next test
  await app.handovers.idle();
  for (const handover of await queue()) {
    await kari.request('POST', `/api/mentor/handovers/${handover.id}/accept`);
    await kari.request('POST', `/api/mentor/handovers/${handover.id}/close`, { outcome: 'other' });
  }
  await app.handovers.idle();
  twilioApi.sent.length = 0;
});

afterAll(async () => {
  await app?.close();
  await twilioApi?.close();
});

describe('SMS round trip with a mentor', () => {
  it('queues the person, lets a mentor accept and write by SMS, and brings the reply back live', async () => {
    const from = nextPhone();
    const send = smsUser(app, from);
    const stream = await openEventStream(app.baseUrl, kari.cookie);
    expect(stream.status).toBe(200);

    const { reply, handoverId } = await requestMentorBySms(app, from, { consent: true });
    expect(reply.join('\n')).toContain(t('handover.requested.shared'));
    expect(reply.join('\n')).toMatch(/nummer 1 i køen/);
    await stream.waitFor((event) => event.type === 'handover.changed' && event.handoverId === handoverId);

    const listed = await queue();
    expect(listed).toEqual([
      {
        id: handoverId,
        channel: 'sms',
        status: 'waiting',
        priority: 0,
        crisis: false,
        waitingSince: app.clock().toISOString(),
        topic: null,
        summary: 'topic=none; consent=yes; userMessages=3',
        mentor: null,
      },
    ]);
    // consent: the mentor reads the whole conversation with the bot, from the first "Hei"
    const before = await detail(handoverId);
    expect(before.messages[0]).toMatchObject({ direction: 'user', text: 'Hei' });
    expect(before.messages.some((message) => message.direction === 'bot')).toBe(true);

    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    const written = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'Hei, jeg heter Kari og er mentor. Hva tenker du på?',
    });
    expect(written.status).toBe(201);
    expect(written.data).toMatchObject({ direction: 'mentor', delivery: 'sending' });

    const sms = await twilioApi.waitForMessages(2);
    expect(sms.map((message) => message.to)).toEqual([from, from]);
    expect(sms[0]?.body).toBe(t('handover.accepted'));
    expect(sms[1]?.body).toBe('Hei, jeg heter Kari og er mentor. Hva tenker du på?');
    const messageId = (written.data as { id: number }).id;
    await stream.waitFor(
      (event) => event.type === 'message.delivery' && event.messageId === messageId && event.status === 'sent',
    );

    // while the mentor has the conversation the bot says nothing; the message goes to the mentor, live
    const answer = await send('Jeg sliter med å si til sjefen at jeg er syk');
    expect(answer).toEqual([]);
    await stream.waitFor(
      (event) => event.type === 'handover.message' && event.handoverId === handoverId && event.direction === 'user',
      1000,
    );
    const during = await detail(handoverId);
    expect(during.status).toBe('active');
    expect(during.mentor).toBe('kari');
    expect(during.messages.at(-2)).toMatchObject({ direction: 'mentor', delivery: 'sent' });
    expect(during.messages.at(-1)).toMatchObject({
      direction: 'user',
      text: 'Jeg sliter med å si til sjefen at jeg er syk',
    });

    expect(
      (await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' })).status,
    ).toBe(200);
    await app.handovers.idle();
    expect(twilioApi.sent.filter((message) => message.to === from).map((message) => message.body)).toContain(
      t('handover.closed'),
    );
    expect(await queue()).toEqual([]);
    const closed = await detail(handoverId);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'answered' });
    // the bot answers the person again
    expect((await send('Hei')).length).toBeGreaterThan(0);
    stream.close();
  });

  it('without consent shows the mentor only what comes after the request', async () => {
    const from = nextPhone();
    const { reply, handoverId } = await requestMentorBySms(app, from, { consent: false });
    expect(reply.join('\n')).toContain(t('handover.requested.topicOnly'));
    const before = await detail(handoverId);
    expect(before.summary).toContain('consent=no');
    expect(before.messages.some((message) => message.direction === 'user')).toBe(false);
    expect(before.messages.map((message) => message.text).join('\n')).not.toContain('Hei');

    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await smsUser(app, from)('Er det noen der?');
    const after = await detail(handoverId);
    expect(after.messages.filter((message) => message.direction === 'user').map((message) => message.text)).toEqual([
      'Er det noen der?',
    ]);
  });

  it('hands the person back to the bot on release', async () => {
    const from = nextPhone();
    const { handoverId } = await requestMentorBySms(app, from, { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/release`)).status).toBe(200);
    await app.handovers.idle();
    expect(twilioApi.sent.filter((message) => message.to === from).map((message) => message.body)).toContain(
      t('handover.released'),
    );
    expect(await detail(handoverId)).toMatchObject({ status: 'closed', outcome: null });
    expect(await openHandoverIdOf(app.store, from)).toBeUndefined();
  });

  it('puts a person in crisis first, and moves someone up when a crisis shows while they wait', async () => {
    const first = await requestMentorBySms(app, nextPhone(), { consent: true });
    app.clock.advance(60_000);
    const secondPhone = nextPhone();
    const second = await requestMentorBySms(app, secondPhone, { consent: true });
    app.clock.advance(60_000);
    const crisisPhone = nextPhone();
    const crisis = await requestMentorBySms(app, crisisPhone, { consent: true, first: 'Jeg vil ikke leve lenger' });
    // queued at once with the crisis answer; the consent answer keeps the place, and never gives minutes
    expect(crisis.reply.join('\n')).toContain(t('handover.consent.crisisShared'));
    expect(crisis.reply.join('\n')).not.toMatch(/minutt/);
    expect((await queue()).map((entry) => [entry.id, entry.crisis])).toEqual([
      [crisis.handoverId, true],
      [first.handoverId, false],
      [second.handoverId, false],
    ]);

    const stream = await openEventStream(app.baseUrl, kari.cookie);
    await smsUser(app, secondPhone)('Jeg orker ikke mer, jeg vil dø');
    await stream.waitFor(
      (event) => event.type === 'handover.changed' && event.handoverId === second.handoverId && event.crisis === true,
    );
    expect((await queue()).map((entry) => entry.id)).toEqual([second.handoverId, crisis.handoverId, first.handoverId]);
    stream.close();
  });

  it('lets the person leave the queue with AVBRYT', async () => {
    const from = nextPhone();
    const { handoverId } = await requestMentorBySms(app, from, { consent: true });
    const reply = await smsUser(app, from)('AVBRYT');
    expect(reply.join('\n')).toContain(t('handover.cancelled'));
    expect(await queue()).toEqual([]);
    expect(await detail(handoverId)).toMatchObject({ status: 'closed', outcome: 'other' });
    // no kind "still waiting" update comes later
    app.clock.advance(60 * 60_000);
    await app.timers.runDue();
    await app.handovers.idle();
    expect(twilioApi.sent).toEqual([]);
  });

  it('tells the mentor when a message could not be delivered, and never keeps the console waiting', async () => {
    const from = nextPhone();
    const { handoverId } = await requestMentorBySms(app, from, { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await app.handovers.idle();
    twilioApi.failNext(3);
    const written = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Er du der?' });
    expect(written.status).toBe(201);
    expect(written.data).toMatchObject({ delivery: 'sending' });
    await app.handovers.idle();
    const mentorMessage = (await detail(handoverId)).messages.find((message) => message.direction === 'mentor');
    expect(mentorMessage).toMatchObject({ text: 'Er du der?', delivery: 'failed' });
  });

  it('sends nothing more after the person texts STOPP', async () => {
    const from = nextPhone();
    const { handoverId } = await requestMentorBySms(app, from, { consent: true });
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`);
    await app.handovers.idle();
    await smsUser(app, from)('STOPP');
    const refused = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hallo?' });
    expect(refused.status).toBe(409);
    await app.handovers.idle();
    expect(twilioApi.sent.map((message) => message.body)).not.toContain('Hallo?');
  });
});

describe('callbacks outside opening hours', () => {
  it('lists the request with the number to call, shows the note, and marks it done', async () => {
    const closed = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: 'sat 09:00-10:00' });
    try {
      await addMentor(closed, 'lise');
      const lise = await loginMentor(closed, 'lise');
      const from = nextPhone();
      const { reply, handoverId } = await requestMentorBySms(closed, from, { consent: false });
      expect(reply.join('\n')).toContain(closed.translations.t('nb', 'handover.callback.sms'));
      await smsUser(closed, from)('Ring meg gjerne etter klokka tolv');

      expect((await lise.request('GET', '/api/mentor/handovers')).data).toEqual([]);
      const callbacks = await lise.request('GET', '/api/mentor/callbacks');
      expect(callbacks.data).toEqual([
        expect.objectContaining({ id: handoverId, status: 'callback', phone: from, channel: 'sms', handledAt: null }),
      ]);
      const opened = (await lise.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail & {
        phone: string;
      };
      expect(opened.phone).toBe(from);
      expect(opened.messages.map((message) => message.text)).toContain('Ring meg gjerne etter klokka tolv');

      // a callback is not a live chat
      expect((await lise.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(409);
      const done = await lise.request('POST', `/api/mentor/callbacks/${handoverId}/done`);
      expect(done.status).toBe(200);
      expect(done.data).toMatchObject({ status: 'closed', mentor: 'lise', phone: null });
      expect((await lise.request('GET', '/api/mentor/callbacks')).data).toEqual([]);
      expect((await lise.request('POST', `/api/mentor/callbacks/${handoverId}/done`)).status).toBe(409);
    } finally {
      await closed.close();
    }
  });
  it('turns a callback request into a place in the queue when the person asks again during opening hours', async () => {
    const clock = createTestClock('2026-11-27T20:00:00+01:00');
    const closed = await startHandoverApp({
      twilioApiBaseUrl: twilioApi.baseUrl,
      openingHours: 'sat 09:00-10:00',
      clock,
    });
    try {
      await addMentor(closed, 'lise');
      const evening = await loginMentor(closed, 'lise');
      const from = nextPhone();
      const { handoverId } = await requestMentorBySms(closed, from, { consent: false });
      expect((await evening.request('GET', '/api/mentor/callbacks')).data).toHaveLength(1);

      clock.set('2026-11-28T09:15:00+01:00');
      const lise = await loginMentor(closed, 'lise');
      const again = await requestMentorBySms(closed, from, { consent: true, first: 'Meny' });
      expect(again.handoverId).toBe(handoverId);
      expect(again.reply.join('\n')).toMatch(/nummer 1 i køen/);
      expect((await lise.request('GET', '/api/mentor/callbacks')).data).toEqual([]);
      expect((await lise.request('GET', '/api/mentor/handovers')).data).toEqual([
        expect.objectContaining({ id: handoverId, status: 'waiting', waitingSince: clock().toISOString() }),
      ]);
      // consent given now: the whole conversation is shared
      const opened = (await lise.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
      expect(opened.messages[0]).toMatchObject({ direction: 'user', text: 'Hei' });
    } finally {
      await closed.close();
    }
  });
});

/** A Twilio API that holds every request until told to answer: a Twilio that is slow today. */
async function startHeldTwilioApi() {
  /** `answeredBefore`: how many requests had been answered when this one arrived */
  const held: Array<{ body: string; res: ServerResponse; answeredBefore: number }> = [];
  const answered: string[] = [];
  const arrivals = new EventEmitter();
  let arrived = 0;
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Body') ?? '';
    held.push({ body, res, answeredBefore: answered.length });
    arrived += 1;
    arrivals.emit('request');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    answered,
    /** resolves once `count` requests have arrived in all; fails after 5 s */
    async waitForRequests(count: number) {
      const signal = AbortSignal.timeout(5000);
      while (arrived < count) {
        await once(arrivals, 'request', { signal }).catch(() => {
          throw new Error(`held Twilio API: expected ${count} requests, got ${arrived}`);
        });
      }
    },
    releaseAll() {
      for (const request of held.splice(0)) {
        answered.push(request.body);
        request.res.statusCode = 201;
        request.res.setHeader('content-type', 'application/json');
        request.res.end(JSON.stringify({ sid: `SM${answered.length}`, status: 'queued' }));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a slow Twilio API', () => {
  it('never holds up the console, and still delivers in order', async () => {
    const slowTwilio = await startHeldTwilioApi();
    const slow = await startHandoverApp({ twilioApiBaseUrl: slowTwilio.baseUrl });
    try {
      await addMentor(slow, 'mia');
      const mia = await loginMentor(slow, 'mia');
      const { handoverId } = await requestMentorBySms(slow, nextPhone(), { consent: true });
      expect((await mia.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      const written = await mia.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei!' });
      expect(written.status).toBe(201);
      // both answers came while Twilio sits on "a mentor is here"; the mentor's words wait behind it
      await slowTwilio.waitForRequests(1);
      const waiting = (await mia.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
      expect(waiting.messages.at(-1)).toMatchObject({ text: 'Hei!', delivery: 'sending' });
      expect(slowTwilio.held.map((request) => request.body)).toEqual([slow.translations.t('nb', 'handover.accepted')]);

      slowTwilio.releaseAll();
      await slowTwilio.waitForRequests(2);
      // the proof of the order: the mentor's words reached Twilio only after "a mentor is here" was answered
      expect(slowTwilio.held).toEqual([expect.objectContaining({ body: 'Hei!', answeredBefore: 1 })]);
      slowTwilio.releaseAll();
      await slow.handovers.idle();
      expect(slowTwilio.answered).toEqual([slow.translations.t('nb', 'handover.accepted'), 'Hei!']);
      const delivered = (await mia.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
      expect(delivered.messages.at(-1)).toMatchObject({ text: 'Hei!', delivery: 'sent' });
    } finally {
      slowTwilio.releaseAll();
      await slow.close();
      await slowTwilio.close();
    }
  });
});
