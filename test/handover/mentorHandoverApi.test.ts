import { describe, expect, it } from 'vitest';
import { expectSessionRequired, mentorApiSetting } from '../support/mentorApi.js';
import { PUBLIC_BASE_URL, requestMentorBySms, smsUser } from './support/handoverApp.js';

const setting = mentorApiSetting({ accounts: [{ username: 'kari' }, { username: 'ola' }] });
const kari = setting.client('kari');
const ola = setting.client('ola');
let phone = 41000000;
function nextPhone(): string {
  phone += 1;
  return `+47${phone}`;
}

const ROUTES: Array<['GET' | 'POST', string]> = [
  ['GET', '/api/mentor/handovers'],
  ['GET', '/api/mentor/handovers/some-id'],
  ['POST', '/api/mentor/handovers/some-id/accept'],
  ['POST', '/api/mentor/handovers/some-id/messages'],
  ['POST', '/api/mentor/handovers/some-id/release'],
  ['POST', '/api/mentor/handovers/some-id/close'],
  ['GET', '/api/mentor/callbacks'],
  ['POST', '/api/mentor/callbacks/some-id/done'],
  ['GET', '/api/mentor/events'],
];

describe('mentor handover API: who may call it', () => {
  it('answers 401 without a session, or with a made-up one, on every route', async () => {
    await expectSessionRequired(setting.app.baseUrl, ROUTES);
  });

  it('answers 403 to another site, even with a valid session, and works from its own origin', async () => {
    for (const [method, path] of ROUTES) {
      const foreign = await kari.request(method, path, undefined, { origin: 'https://evil.example' });
      expect(foreign.status, `${method} ${path}`).toBe(403);
      expect(foreign.data).toEqual({ error: 'forbidden_origin' });
    }
    const own = await kari.request('GET', '/api/mentor/handovers', undefined, { origin: PUBLIC_BASE_URL });
    expect(own.status).toBe(200);
    expect(Array.isArray(own.data)).toBe(true);
  });
});

describe('mentor handover API: what it refuses', () => {
  it('answers 400 with the reason for a body that does not fit, and 415 for one that is not JSON', async () => {
    const { handoverId } = await requestMentorBySms(setting.app, nextPhone(), { consent: true });
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);

    const empty = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ error: 'invalid_body', reason: expect.stringContaining('text') });

    const tooLong = await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, {
      text: 'x'.repeat(1601),
    });
    expect(tooLong.status).toBe(400);

    const outcome = await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'fine' });
    expect(outcome.status).toBe(400);
    expect(outcome.data).toMatchObject({ error: 'invalid_body', reason: expect.stringContaining('outcome') });

    const form = await fetch(`${setting.app.baseUrl}/api/mentor/handovers/${handoverId}/messages`, {
      method: 'POST',
      headers: { cookie: kari.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hei',
    });
    expect(form.status).toBe(415);

    // nothing of the refused requests reached the person or the transcript
    const detail = await kari.request('GET', `/api/mentor/handovers/${handoverId}`);
    expect((detail.data as { messages: Array<{ direction: string }> }).messages.map((m) => m.direction)).not.toContain(
      'mentor',
    );
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'other' })).status).toBe(
      200,
    );
  });

  it('answers 404 for an id that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await kari.request('GET', `/api/mentor/handovers/${missing}`)).status).toBe(404);
    expect((await kari.request('POST', `/api/mentor/handovers/${missing}/accept`)).data).toEqual({
      error: 'not_found',
    });
    expect((await kari.request('POST', `/api/mentor/handovers/${missing}/release`)).status).toBe(404);
    expect((await kari.request('POST', `/api/mentor/handovers/${missing}/messages`, { text: 'hei' })).status).toBe(404);
    expect((await kari.request('POST', `/api/mentor/callbacks/${missing}/done`)).status).toBe(404);
  });

  it('lets exactly one of two mentors win each race to accept; the other gets 409 and cannot write', async () => {
    const handoverIds: string[] = [];
    for (let person = 0; person < 4; person += 1) {
      handoverIds.push((await requestMentorBySms(setting.app, nextPhone(), { consent: false })).handoverId);
    }
    for (const id of handoverIds) {
      const [first, second] = await Promise.all([
        kari.request('POST', `/api/mentor/handovers/${id}/accept`),
        ola.request('POST', `/api/mentor/handovers/${id}/accept`),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const winner = first.status === 200 ? kari : ola;
      const loser = winner === kari ? ola : kari;
      expect((first.status === 409 ? first : second).data).toEqual({ error: 'already_taken' });

      const detail = await loser.request('GET', `/api/mentor/handovers/${id}`);
      expect(detail.data).toMatchObject({ status: 'active', mentor: winner.username });
      const intrusion = await loser.request('POST', `/api/mentor/handovers/${id}/messages`, { text: 'Hei' });
      expect(intrusion.status).toBe(403);
      expect(intrusion.data).toEqual({ error: 'not_yours' });
      expect((await loser.request('POST', `/api/mentor/handovers/${id}/release`)).status).toBe(403);
      // accepting again is harmless for the winner
      expect((await winner.request('POST', `/api/mentor/handovers/${id}/accept`)).status).toBe(200);
      expect((await winner.request('POST', `/api/mentor/handovers/${id}/release`)).status).toBe(200);
      expect((await winner.request('POST', `/api/mentor/handovers/${id}/accept`)).status).toBe(409);
    }
  });
});

describe('mentor handover API: a crisis handover', () => {
  it('is flagged, and the message that set off the crisis answer is marked in the transcript', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    await send('Hei');
    const { handoverId } = await requestMentorBySms(setting.app, from, {
      consent: true,
      first: 'Jeg vil ikke leve lenger',
    });

    const listed = (await kari.request('GET', '/api/mentor/handovers')).data as Array<{ id: string; crisis: boolean }>;
    expect(listed.find((handover) => handover.id === handoverId)).toMatchObject({ crisis: true });
    const detail = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as {
      crisis: boolean;
      messages: Array<{ direction: string; text: string; crisis?: boolean }>;
    };
    expect(detail.crisis).toBe(true);
    const marked = detail.messages.filter((message) => message.crisis);
    expect(marked).toEqual([expect.objectContaining({ direction: 'user', text: 'Jeg vil ikke leve lenger' })]);
    // the greeting before it, and the bot's answers, carry no mark at all
    expect(detail.messages.find((message) => message.text === 'Hei')).not.toHaveProperty('crisis');
    expect(detail.messages.filter((message) => message.direction === 'bot').length).toBeGreaterThan(0);
  });
});

describe('mentor handover API: a worrying message', () => {
  type Detail = {
    crisis: boolean;
    messages: Array<{ direction: string; text: string; crisis?: true; concern?: true }>;
  };
  const detailOf = async (handoverId: string) =>
    (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
  const find = (detail: Detail, text: string) => detail.messages.find((message) => message.text === text);

  it('is marked as a concern, while waiting (the bot asks) and with a mentor (the bot says nothing); a crisis stays a crisis', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const t = (key: string) => setting.app.translations.t('nb', key);
    const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true });

    // waiting: the bot asks directly, and the mentor who opens the card sees the mark already
    expect((await send('jeg orker ikke mer')).join('\n')).toContain(t('crisis.askDirectly'));
    expect(find(await detailOf(handoverId), 'jeg orker ikke mer')).toMatchObject({ concern: true });
    expect((await send('nei')).join('\n')).toContain(t('crisis.answeredNo'));

    // with a mentor: the bot stays quiet, the message reaches the mentor marked (a no before does not hide it)
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    expect(await send('ingenting nytter, jeg gir opp')).toEqual([]);
    const withMentor = await detailOf(handoverId);
    expect(find(withMentor, 'ingenting nytter, jeg gir opp')).toMatchObject({ direction: 'user', concern: true });
    expect(find(withMentor, 'ingenting nytter, jeg gir opp')).not.toHaveProperty('crisis');
    expect(withMentor.messages.at(-1)?.text).toBe('ingenting nytter, jeg gir opp');
    expect(withMentor.crisis).toBe(false);

    // a clear crisis in the mentor chat is marked crisis, never concern; ordinary messages carry no mark
    await send('jeg vil ikke leve lenger');
    const after = await detailOf(handoverId);
    expect(find(after, 'jeg vil ikke leve lenger')).toMatchObject({ crisis: true });
    expect(find(after, 'jeg vil ikke leve lenger')).not.toHaveProperty('concern');
    expect(after.crisis).toBe(true);
    expect(after.messages.filter((message) => message.concern).map((message) => message.text)).toEqual([
      'jeg orker ikke mer',
      'ingenting nytter, jeg gir opp',
    ]);
    expect(find(after, 'Hei')).not.toHaveProperty('concern');
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'other' })).status).toBe(
      200,
    );
  });

  it('is not marked before any handover: the bot asks, and there is no mentor to tell', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    await send('jeg orker ikke mer');
    await send('nei');
    const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true, first: 'Hei' });
    const detail = await detailOf(handoverId);
    expect(find(detail, 'jeg orker ikke mer')).toBeDefined();
    expect(detail.messages.filter((message) => message.concern)).toEqual([]);
  });
});

describe('mentor handover API: a closed handover', () => {
  it('shows nothing written after the close, though the clock stood still (by transcript id)', async () => {
    const from = nextPhone();
    const send = smsUser(setting.app, from);
    const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true, first: 'Hva er IPS?' });
    expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
    await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Kari her.' });
    expect(
      (await kari.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'answered' })).status,
    ).toBe(200);
    await setting.app.handovers.idle();
    const closed = async () =>
      ((await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as { messages: Array<{ text: string }> })
        .messages;
    const before = await closed();
    expect(before.map((message) => message.text)).toEqual(expect.arrayContaining(['Hva er IPS?', 'Hei, Kari her.']));

    // the test clock has not moved: these rows share the close's millisecond
    await send('Hei igjen, en ting til');
    expect(await closed()).toEqual(before);
  });
});
