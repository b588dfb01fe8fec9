/**
 * The mentor's pause and "I need to talk this through" (issue 13, point 5) through the real app's HTTP
 * API, on SQLite and on PostgreSQL: 401 without a session, 400 for bad bodies and queries, 403 for a
 * mentor on the coordinators' route, the pause's round trip on the server's clock, and a request stored
 * with nothing of the conversation in it, which a coordinator sees and marks as seen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../handover/support/handoverApp.js';
import { expectSessionRequired, mentorApiSetting } from '../support/mentorApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';
import { createTestClock } from '../support/testApp.js';

const MINUTE = 60_000;

const ROUTES: Array<['GET' | 'POST' | 'DELETE', string]> = [
  ['GET', '/api/mentor/me/pause'],
  ['POST', '/api/mentor/me/pause'],
  ['DELETE', '/api/mentor/me/pause'],
  ['POST', '/api/mentor/me/support-request'],
  ['GET', '/api/staff/support-requests'],
  ['POST', '/api/staff/support-requests/some-id/seen'],
];

const postgres = await startTestPostgres();

function describeMentorStatusApi(name: string, databaseUrl: () => Promise<string | undefined>): void {
  describe(`mentor status API on ${name}`, () => {
    const clock = createTestClock('2026-11-24T10:00:00+01:00');
    const setting = mentorApiSetting({
      accounts: [{ username: 'kari' }, { username: 'liv', role: 'coordinator' }],
      app: { clock },
      databaseUrl,
    });
    const kari = setting.client('kari');
    const liv = setting.client('liv');

    it('answers 401 without a session, or with a made-up one, on every route', async () => {
      await expectSessionRequired(setting.app.baseUrl, ROUTES);
    });

    it('answers 403 to a mentor on the coordinators route, and to another site', async () => {
      const fromElsewhere = await liv.request('GET', '/api/staff/support-requests', undefined, {
        origin: 'https://evil.test',
      });
      expect(fromElsewhere.status).toBe(403);
      const list = await kari.request('GET', '/api/staff/support-requests');
      expect(list.status).toBe(403);
      expect(list.data).toEqual({ error: 'forbidden_role' });
      expect((await kari.request('POST', '/api/staff/support-requests/some-id/seen')).status).toBe(403);
      const foreign = await kari.request('POST', '/api/mentor/me/support-request', {}, { origin: 'https://evil.test' });
      expect(foreign.status).toBe(403);
    });

    it('answers 400 with the reason for a bad pause or request, and 415 for a body that is not JSON', async () => {
      for (const body of [{ minutes: 0 }, { minutes: 121 }, { minutes: '15' }, { minutes: 2.5 }, { until: 'never' }]) {
        const answer = await kari.request('POST', '/api/mentor/me/pause', body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
        expect(answer.data).toMatchObject({ error: 'invalid_body', reason: expect.any(String) });
      }
      for (const body of [{ afterCrisis: 'yes' }, { note: 'a free text the coordinator would read' }, []]) {
        const answer = await kari.request('POST', '/api/mentor/me/support-request', body);
        expect(answer.status, JSON.stringify(body)).toBe(400);
      }
      const form = await fetch(`${setting.app.baseUrl}/api/mentor/me/pause`, {
        method: 'POST',
        headers: { cookie: kari.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'minutes=15',
      });
      expect(form.status).toBe(415);
      // nothing was stored by any of them
      expect((await kari.request('GET', '/api/mentor/me/pause')).data).toEqual({ pausedUntil: null });
      expect(
        await setting.app.store.transaction(null, (uow) => uow.supportRequests.list({ includeSeen: true })),
      ).toEqual([]);
    });

    it('starts a pause on the server clock, knows it until its time, and ends it on request', async () => {
      expect((await kari.request('GET', '/api/mentor/me/pause')).data).toEqual({ pausedUntil: null });
      const start = clock();
      const started = await kari.request('POST', '/api/mentor/me/pause', { minutes: 15 });
      expect(started.status).toBe(200);
      const until = new Date(start.getTime() + 15 * MINUTE).toISOString();
      expect(started.data).toEqual({ pausedUntil: until });
      clock.advance(14 * MINUTE);
      expect((await kari.request('GET', '/api/mentor/me/pause')).data).toEqual({ pausedUntil: until });
      // over at its time, with nobody doing anything
      clock.advance(MINUTE);
      expect((await kari.request('GET', '/api/mentor/me/pause')).data).toEqual({ pausedUntil: null });

      // the default is 15 minutes; ending it early is one call
      expect((await kari.request('POST', '/api/mentor/me/pause', {})).data).toEqual({
        pausedUntil: new Date(clock().getTime() + 15 * MINUTE).toISOString(),
      });
      const ended = await kari.request('DELETE', '/api/mentor/me/pause');
      expect(ended.status).toBe(204);
      expect((await kari.request('GET', '/api/mentor/me/pause')).data).toEqual({ pausedUntil: null });
      expect(await setting.app.store.transaction(null, (uow) => uow.mentorPauses.listPaused(clock()))).toEqual([]);
    });

    it('stores "I need to talk this through" for the coordinators, with one click and nothing of the conversation', async () => {
      const stream = await openEventStream(setting.app.baseUrl, kari.cookie);
      const withBody = await kari.request('POST', '/api/mentor/me/support-request', { afterCrisis: true });
      expect(withBody.status).toBe(201);
      // a hint for the coordinators' list, with nothing in it
      expect(await stream.waitFor((event) => event.type === 'support.requested')).toEqual({
        type: 'support.requested',
      });
      stream.close();
      expect(withBody.data).toEqual({ id: expect.any(String), at: clock().toISOString() });
      // a minute later, a plain click: no body at all
      clock.advance(MINUTE);
      const plain = await fetch(`${setting.app.baseUrl}/api/mentor/me/support-request`, {
        method: 'POST',
        headers: { cookie: kari.cookie },
      });
      expect(plain.status).toBe(201);
      const stored = await setting.app.store.transaction(null, (uow) =>
        uow.supportRequests.list({ includeSeen: false }),
      );
      expect(stored.map((request) => [request.mentorUsername, request.afterCrisis, request.seenAt])).toEqual([
        ['kari', false, null],
        ['kari', true, null],
      ]);
      expect(Object.keys(stored[0] ?? {}).sort()).toEqual(
        ['afterCrisis', 'createdAt', 'id', 'mentorId', 'mentorUsername', 'seenAt', 'seenBy'].sort(),
      );
    });

    it('shows the requests to a coordinator, newest first, until marked as seen', async () => {
      const open = await liv.request('GET', '/api/staff/support-requests');
      expect(open.status).toBe(200);
      const requests = open.data as Array<Record<string, unknown>>;
      expect(requests).toEqual([
        {
          id: expect.any(String),
          mentor: 'kari',
          afterCrisis: false,
          at: clock().toISOString(),
          seenAt: null,
          seenBy: null,
        },
        {
          id: expect.any(String),
          mentor: 'kari',
          afterCrisis: true,
          at: new Date(clock().getTime() - MINUTE).toISOString(),
          seenAt: null,
          seenBy: null,
        },
      ]);
      const first = String(requests[1]?.id);
      const seen = await liv.request('POST', `/api/staff/support-requests/${first}/seen`);
      expect(seen.status).toBe(200);
      expect(seen.data).toMatchObject({ id: first, seenAt: clock().toISOString(), seenBy: 'liv' });
      // once: a second "seen", or one for no request, is 404
      expect((await liv.request('POST', `/api/staff/support-requests/${first}/seen`)).status).toBe(404);
      expect((await liv.request('POST', '/api/staff/support-requests/no-such-id/seen')).status).toBe(404);
      const left = (await liv.request('GET', '/api/staff/support-requests')).data as Array<{ id: string }>;
      expect(left.map((request) => request.id)).toEqual([String(requests[0]?.id)]);
      const all = (await liv.request('GET', '/api/staff/support-requests?include=seen')).data as Array<{ id: string }>;
      expect(all).toHaveLength(2);
    });

    it('answers 400 to a coordinator for a query it does not know', async () => {
      for (const query of ['?include=everything', '?include=seen&mentor=kari', '?status=open']) {
        const answer = await liv.request('GET', `/api/staff/support-requests${query}`);
        expect(answer.status, query).toBe(400);
        expect(answer.data).toMatchObject({ error: 'invalid_query', reason: expect.any(String) });
      }
    });
  });
}

describeMentorStatusApi('SQLite', async () => undefined);

describeWith(postgres, POSTGRES_MISSING, 'on PostgreSQL', (server: PostgresServer) => {
  afterAll(async () => {
    await server.stop();
  });
  describeMentorStatusApi('PostgreSQL', async () => (await server.createDatabase()).url);
});
