/**
 * The Staff API (issue 13, points 2–4) on the real app, on SQLite and on PostgreSQL: every route
 * answers 401 without a session and 403 to a mentor; bad input gets 400 with a reason; accounts,
 * hours, overview and transfers do what they say.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  type MentorClient,
  openEventStream,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';

const postgres = await startTestPostgres();
const opened: Array<HandoverTestApp | FakeTwilioApi> = [];

afterAll(async () => {
  for (const running of opened.reverse()) await running.close();
  await postgres?.stop();
});

/** Tuesday 24 November 2026, 10:00 in Oslo (the test clock's start): inside the weekly hours */
const TODAY = '2026-11-24';
const WEEKDAYS = 'mon-fri 09:00-15:00';

const COORDINATOR_ROUTES: Array<[method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown]> = [
  ['GET', '/api/staff/accounts'],
  ['POST', '/api/staff/accounts', { username: 'nina', role: 'mentor' }],
  ['POST', '/api/staff/accounts/kari/disable'],
  ['POST', '/api/staff/accounts/kari/enable'],
  ['POST', '/api/staff/accounts/kari/reset-password'],
  ['POST', '/api/staff/accounts/kari/role', { role: 'coordinator' }],
  ['GET', '/api/staff/hours'],
  ['PUT', '/api/staff/hours', { always: true, weekly: {}, exceptions: [] }],
  ['GET', '/api/staff/overview'],
  ['POST', '/api/staff/handovers/some-id/transfer', { mentor: 'kari' }],
];

async function anonymous(app: HandoverTestApp, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, data: (await response.json()) as unknown };
}

function weekly(spans: Record<string, Array<{ from: string; to: string }>>) {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return Object.fromEntries(days.map((day) => [day, spans[day] ?? []]));
}

const NINE_TO_THREE = [{ from: '09:00', to: '15:00' }];
/** WEEKDAYS as the hours API answers them */
const WEEKDAY_SPANS = {
  mon: NINE_TO_THREE,
  tue: NINE_TO_THREE,
  wed: NINE_TO_THREE,
  thu: NINE_TO_THREE,
  fri: NINE_TO_THREE,
};

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && postgres === null)(`Staff API on ${dialect}`, () => {
    let app: HandoverTestApp;
    let twilio: FakeTwilioApi;
    let coordinator: MentorClient;
    let mentor: MentorClient;

    async function start(): Promise<HandoverTestApp> {
      const twilioApi = await startFakeTwilioApi(TEST_TWILIO);
      twilio = twilioApi;
      opened.push(twilioApi);
      const database = dialect === 'postgres' && postgres ? await postgres.createDatabase() : undefined;
      const started = await startHandoverApp({
        twilioApiBaseUrl: twilioApi.baseUrl,
        openingHours: WEEKDAYS,
        ...(database ? { databaseUrl: database.url } : {}),
      });
      opened.push(started);
      await addMentor(started, 'liv', 'coordinator');
      await addMentor(started, 'kari');
      return started;
    }

    it('answers 401 without a session and 403 to a mentor on every coordinator route', async () => {
      app = await start();
      coordinator = await loginMentor(app, 'liv');
      mentor = await loginMentor(app, 'kari');
      for (const [method, path, body] of COORDINATOR_ROUTES) {
        expect(await anonymous(app, method, path, body), `${method} ${path}`).toEqual({
          status: 401,
          data: { error: 'unauthorized' },
        });
        expect(await mentor.request(method, path, body), `${method} ${path}`).toEqual({
          status: 403,
          data: { error: 'forbidden_role' },
        });
      }
      expect(await mentor.request('GET', '/api/mentor/me')).toMatchObject({
        data: { username: 'kari', role: 'mentor' },
      });
    });

    it('adds an account with a one-time password that must be changed at the first login', async () => {
      expect(await coordinator.request('POST', '/api/staff/accounts', { username: 'Ola Nordmann' })).toMatchObject({
        status: 400,
        data: { error: 'invalid_body', reason: expect.stringContaining('username') },
      });
      expect(await coordinator.request('POST', '/api/staff/accounts', { username: 'per', role: 'boss' })).toMatchObject(
        {
          status: 400,
        },
      );
      const added = await coordinator.request('POST', '/api/staff/accounts', { username: 'per', role: 'mentor' });
      expect(added).toMatchObject({
        status: 201,
        data: {
          username: 'per',
          role: 'mentor',
          disabled: false,
          mustChangePassword: true,
          oneTimePassword: expect.any(String),
        },
      });
      expect((await coordinator.request('POST', '/api/staff/accounts', { username: 'per' })).status).toBe(409);
      const oneTimePassword = (added.data as { oneTimePassword: string }).oneTimePassword;

      const per = await loginMentor(app, 'per', oneTimePassword);
      expect(await per.request('GET', '/api/mentor/me')).toMatchObject({
        status: 200,
        data: { mustChangePassword: true },
      });
      expect(await per.request('GET', '/api/mentor/handovers')).toEqual({
        status: 403,
        data: { error: 'password_change_required' },
      });
      expect(
        (await per.request('POST', '/api/mentor/password', { current: oneTimePassword, new: 'kort' })).status,
      ).toBe(400);
      expect(
        (await per.request('POST', '/api/mentor/password', { current: 'feil passord', new: 'et nytt langt passord' }))
          .status,
      ).toBe(403);
      expect(
        (await per.request('POST', '/api/mentor/password', { current: oneTimePassword, new: 'et nytt langt passord' }))
          .status,
      ).toBe(204);
      expect((await per.request('GET', '/api/mentor/handovers')).status).toBe(200);

      const listed = await coordinator.request('GET', '/api/staff/accounts');
      expect(listed.status).toBe(200);
      expect(listed.data).toEqual([
        expect.objectContaining({ username: 'kari', role: 'mentor', disabled: false, lastLoginAt: expect.any(String) }),
        expect.objectContaining({ username: 'liv', role: 'coordinator' }),
        expect.objectContaining({ username: 'per', mustChangePassword: false, lastLoginAt: expect.any(String) }),
      ]);
    });

    it('disabling ends the sessions at once; a reset password ends them too; the last coordinator stays', async () => {
      const per = await loginMentor(app, 'kari');
      expect((await per.request('GET', '/api/mentor/handovers')).status).toBe(200);
      expect(await coordinator.request('POST', '/api/staff/accounts/kari/disable')).toMatchObject({
        status: 200,
        data: { username: 'kari', disabled: true },
      });
      expect((await per.request('GET', '/api/mentor/handovers')).status).toBe(401);
      expect((await mentor.request('GET', '/api/mentor/me')).status).toBe(401);
      await expect(loginMentor(app, 'kari')).rejects.toThrow(/401/);
      expect((await coordinator.request('POST', '/api/staff/accounts/kari/enable')).status).toBe(200);
      const kari = await loginMentor(app, 'kari');

      const reset = await coordinator.request('POST', '/api/staff/accounts/kari/reset-password');
      expect(reset).toMatchObject({ status: 200, data: { username: 'kari', oneTimePassword: expect.any(String) } });
      expect((await kari.request('GET', '/api/mentor/me')).status).toBe(401);
      mentor = await loginMentor(app, 'kari', (reset.data as { oneTimePassword: string }).oneTimePassword);
      expect(
        (
          await mentor.request('POST', '/api/mentor/password', {
            current: (reset.data as { oneTimePassword: string }).oneTimePassword,
            new: 'correct horse battery',
          })
        ).status,
      ).toBe(204);

      expect(await coordinator.request('POST', '/api/staff/accounts/liv/disable')).toMatchObject({
        status: 409,
        data: { error: 'last_coordinator', reason: expect.any(String) },
      });
      expect((await coordinator.request('POST', '/api/staff/accounts/liv/role', { role: 'mentor' })).status).toBe(409);
      expect((await coordinator.request('POST', '/api/staff/accounts/liv/role', { role: 'king' })).status).toBe(400);
      expect((await coordinator.request('POST', '/api/staff/accounts/nobody/disable')).status).toBe(404);
      // with a second coordinator, the first may step down
      expect((await coordinator.request('POST', '/api/staff/accounts/per/role', { role: 'coordinator' })).status).toBe(
        200,
      );
      expect((await coordinator.request('POST', '/api/staff/accounts/liv/role', { role: 'mentor' })).status).toBe(200);
      expect((await coordinator.request('GET', '/api/staff/accounts')).status).toBe(403);
      await app.store.transaction(null, (uow) => uow.mentors.setRole('liv', 'coordinator'));
    });

    it('hours: OPENING_HOURS until saved; a closed day saved is what the bot says at once', async () => {
      expect(await coordinator.request('GET', '/api/staff/hours')).toMatchObject({
        status: 200,
        data: {
          source: 'default',
          version: 0,
          always: false,
          weekly: weekly(WEEKDAY_SPANS),
          exceptions: [],
        },
      });
      const send = smsUser(app, '+4790000101');
      expect((await send('Når har dere åpent?')).join('\n')).toContain('Akkurat nå er de på jobb');

      for (const bad of [
        { always: false, weekly: weekly({ mon: [{ from: '15:00', to: '09:00' }] }), exceptions: [] },
        { always: false, weekly: weekly({ mon: [{ from: '9', to: '15:00' }] }), exceptions: [] },
        { always: false, weekly: weekly({}), exceptions: [{ date: '2026-02-30', open: [] }] },
        {
          always: false,
          weekly: weekly({}),
          exceptions: [
            { date: TODAY, open: [] },
            { date: TODAY, open: [] },
          ],
        },
        { always: false, exceptions: [] },
      ]) {
        expect(await coordinator.request('PUT', '/api/staff/hours', bad)).toMatchObject({
          status: 400,
          data: { error: 'invalid_body', reason: expect.any(String) },
        });
      }
      const closedToday = {
        always: false,
        weekly: weekly(WEEKDAY_SPANS),
        exceptions: [{ date: TODAY, open: [] }],
      };
      expect(await coordinator.request('PUT', '/api/staff/hours', closedToday)).toMatchObject({
        status: 200,
        data: { source: 'saved', version: 1, exceptions: [{ date: TODAY, open: [] }] },
      });
      const answer = (await smsUser(app, '+4790000102')('Når har dere åpent?')).join('\n');
      expect(answer).toContain('Akkurat nå er de ikke på jobb');
      expect(answer).toContain('tilbake i morgen, onsdag, kl. 09.00');
    });

    it('overview, a coordinator moving a conversation, a warm transfer with a note, and the cap', async () => {
      // back to hours that are open now
      await coordinator.request('PUT', '/api/staff/hours', { always: true, weekly: weekly({}), exceptions: [] });
      const from = '+4790000201';
      const { handoverId } = await requestMentorBySms(app, from, { consent: true });
      expect((await mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      const overview = await coordinator.request('GET', '/api/staff/overview');
      expect(overview.status).toBe(200);
      expect(overview.data).toContainEqual(
        expect.objectContaining({ id: handoverId, channel: 'sms', status: 'active', mentor: 'kari', crisis: false }),
      );

      expect(
        await coordinator.request('POST', `/api/staff/handovers/${handoverId}/transfer`, { mentor: '' }),
      ).toMatchObject({
        status: 400,
        data: { reason: expect.any(String) },
      });
      expect(
        await coordinator.request('POST', `/api/staff/handovers/${handoverId}/transfer`, { mentor: 'nobody' }),
      ).toEqual({
        status: 409,
        data: { error: 'unknown_mentor' },
      });
      const per = await loginMentor(app, 'per', 'et nytt langt passord');
      const perStream = await openEventStream(app.baseUrl, per.cookie);
      try {
        expect(
          await coordinator.request('POST', `/api/staff/handovers/${handoverId}/transfer`, { mentor: 'per' }),
        ).toMatchObject({
          status: 200,
          data: { id: handoverId, mentor: 'per' },
        });
        await perStream.waitFor((event) => event.type === 'handover.transferred' && event.toMentor === 'per');
      } finally {
        perStream.close();
      }
      await app.handovers.idle();
      expect(twilio.sent.filter((sms) => sms.to === from).map((sms) => sms.body)).toContain(
        app.translations.t('nb', 'system.mentorTransferred'),
      );
      // only the current mentor hands it on; the note goes with the handover, for mentors
      expect(
        (await mentor.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor: 'kari' })).status,
      ).toBe(403);
      expect(
        (
          await per.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, {
            mentor: 'kari',
            note: 'x'.repeat(501),
          })
        ).status,
      ).toBe(400);
      expect(
        await per.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, {
          mentor: 'kari',
          note: 'Hun vil snakke om tilrettelegging.',
        }),
      ).toMatchObject({ status: 200, data: { mentor: 'kari' } });
      const detail = await mentor.request('GET', `/api/mentor/handovers/${handoverId}`);
      expect(detail.data).toMatchObject({
        mentor: 'kari',
        notes: [{ from: 'per', to: 'kari', text: 'Hun vil snakke om tilrettelegging.', at: expect.any(String) }],
        messages: expect.arrayContaining([expect.objectContaining({ direction: 'user' })]),
      });
      expect(JSON.stringify(twilio.sent)).not.toContain('tilrettelegging');

      // kari has 1; two more fill her cap of 3, a fourth is refused, and so is a transfer to her
      const more: string[] = [];
      for (const number of ['+4790000202', '+4790000203', '+4790000204']) {
        more.push((await requestMentorBySms(app, number, { consent: false })).handoverId);
      }
      expect((await mentor.request('POST', `/api/mentor/handovers/${more[0]}/accept`)).status).toBe(200);
      expect((await mentor.request('POST', `/api/mentor/handovers/${more[1]}/accept`)).status).toBe(200);
      expect(await mentor.request('POST', `/api/mentor/handovers/${more[2]}/accept`)).toEqual({
        status: 409,
        data: { error: 'mentor_at_capacity' },
      });
      expect((await per.request('POST', `/api/mentor/handovers/${more[2]}/accept`)).status).toBe(200);
      expect(await per.request('POST', `/api/mentor/handovers/${more[2]}/transfer`, { mentor: 'kari' })).toEqual({
        status: 409,
        data: { error: 'mentor_at_capacity' },
      });
    });
  });
}
