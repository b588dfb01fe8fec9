/**
 * A coordinator gives a waiting person to a named mentor, through the real app's HTTP API on SQLite
 * and on PostgreSQL: `POST /api/staff/handovers/:id/assign {"mentor"}`. 401 without a session, 403 to
 * another site and to a mentor, 400 to hostile bodies (and nothing changes), 404 for no such
 * handover, 409 for a mentor who is no account, disabled, not at the console or on a pause, at the
 * cap, and for a conversation no longer waiting. Given: the mentor has it as if they had accepted it,
 * the person is told a mentor is here, the mentor's console is told, and one audit row, by the
 * coordinator, names the handover.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  type EventStreamReader,
  type MentorClient,
  openEventStream,
  requestMentorBySms,
} from '../handover/support/handoverApp.js';
import { COLLEAGUE_ACCOUNTS, mentorApiSetting } from '../support/mentorApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';

const postgres = await startTestPostgres();

/** small enough to reach in a test: MENTOR_MAX_CONVERSATIONS */
const MAX_CONVERSATIONS = 2;

interface AuditRow {
  actor: string;
  action: string;
  target: string | null;
}

function describeAssigning(name: string, databaseUrl: () => Promise<string | undefined>): void {
  describe(`giving a waiting person to a mentor on ${name}`, () => {
    const setting = mentorApiSetting({
      accounts: COLLEAGUE_ACCOUNTS,
      app: { timings: { maxConversationsPerMentor: MAX_CONVERSATIONS } },
      databaseUrl,
    });
    const kari = setting.client('kari');
    const per = setting.client('per');
    const liv = setting.client('liv');
    let phone = 47100000;
    const nextPhone = () => {
      phone += 1;
      return `+47${phone}`;
    };

    const assign = (client: MentorClient, id: string, body: unknown, headers?: Record<string, string>) =>
      client.request('POST', `/api/staff/handovers/${encodeURIComponent(id)}/assign`, body, headers);
    const statusOf = async (id: string) =>
      setting.app.store.transaction(null, async (uow) => (await uow.handovers.get(id))?.status);
    const assignRows = async () =>
      ((await liv.request('GET', '/api/staff/audit?days=7')).data as AuditRow[]).filter(
        (row) => row.action === 'handover.assign',
      );

    // before the app closes (after hooks run last registered first)
    afterAll(async () => {
      await setting.app.handovers.idle();
    });

    it('answers 401 without a session, 403 to another site and to a mentor, and changes nothing', async () => {
      const { handoverId } = await requestMentorBySms(setting.app, nextPhone(), { consent: true });
      const anonymous = await fetch(`${setting.app.baseUrl}/api/staff/handovers/${handoverId}/assign`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mentor: 'kari' }),
      });
      expect(anonymous.status).toBe(401);
      expect(await assign(liv, handoverId, { mentor: 'kari' }, { origin: 'https://evil.test' })).toEqual({
        status: 403,
        data: { error: 'forbidden_origin' },
      });
      expect(await assign(kari, handoverId, { mentor: 'kari' })).toEqual({
        status: 403,
        data: { error: 'forbidden_role' },
      });
      expect(await statusOf(handoverId)).toBe('waiting');
      expect(await assignRows()).toEqual([]);
    });

    it('answers 400 to hostile bodies, 415 to what is not JSON, 404 to no such handover', async () => {
      const { handoverId } = await requestMentorBySms(setting.app, nextPhone(), { consent: false });
      const hostile: unknown[] = [
        {},
        { mentor: '' },
        { mentor: '   ' },
        { mentor: 42 },
        { mentor: null },
        { mentor: ['kari'] },
        { mentor: { $ne: null } },
        { mentor: 'k'.repeat(101) },
        { note: 'kari' },
        ['kari'],
        'kari',
        null,
        JSON.parse('{"__proto__": {"mentor": "kari"}}'),
      ];
      for (const body of hostile) {
        const answered = await assign(liv, handoverId, body);
        expect(answered.status, JSON.stringify(body)).toBe(400);
        expect(answered.data).toMatchObject({ error: 'invalid_body', reason: expect.any(String) });
      }
      const raw = (body: string, contentType: string) =>
        fetch(`${setting.app.baseUrl}/api/staff/handovers/${handoverId}/assign`, {
          method: 'POST',
          headers: { cookie: liv.cookie, 'content-type': contentType },
          body,
        });
      expect((await raw('{"mentor": "kari"', 'application/json')).status).toBe(400);
      expect((await raw('mentor=kari', 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await raw('{"mentor":"kari"}', 'text/plain')).status).toBe(415);
      // the conversation is still waiting for whoever comes first
      expect(await statusOf(handoverId)).toBe('waiting');

      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-handover', "x' OR '1'='1"]) {
        expect(await assign(liv, id, { mentor: 'kari' }), id).toEqual({ status: 404, data: { error: 'not_found' } });
      }
      expect(await assignRows()).toEqual([]);
      // leave the queue as it was for the next test
      expect(
        (await per.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'other' })).status,
      ).toBe(200);
    });

    it('answers 409 for a mentor who is no account, disabled, away or on a pause', async () => {
      const { handoverId } = await requestMentorBySms(setting.app, nextPhone(), { consent: true });
      for (const mentor of ['nobody', 'ola']) {
        expect(await assign(liv, handoverId, { mentor }), mentor).toEqual({
          status: 409,
          data: { error: 'unknown_mentor' },
        });
      }
      expect(await assign(liv, handoverId, { mentor: 'nina' })).toEqual({
        status: 409,
        data: { error: 'mentor_not_on_duty' },
      });
      expect((await per.request('POST', '/api/mentor/me/pause', { minutes: 15 })).status).toBe(200);
      expect(await assign(liv, handoverId, { mentor: 'per' })).toEqual({
        status: 409,
        data: { error: 'mentor_not_on_duty' },
      });
      expect((await per.request('DELETE', '/api/mentor/me/pause')).status).toBe(204);
      expect(await statusOf(handoverId)).toBe('waiting');
      expect(await assignRows()).toEqual([]);
      expect(
        (await per.request('POST', `/api/mentor/handovers/${handoverId}/close`, { outcome: 'other' })).status,
      ).toBe(200);
    });

    it('gives it: the mentor has it, the person and the console are told, one audit row', async () => {
      const from = nextPhone();
      const { handoverId } = await requestMentorBySms(setting.app, from, { consent: true, first: 'Hva er IPS?' });
      let stream: EventStreamReader | undefined;
      try {
        stream = await openEventStream(setting.app.baseUrl, kari.cookie);
        // the name as typed: any case, spaces around it
        const given = await assign(liv, handoverId, { mentor: ' Kari ' });
        expect(given).toMatchObject({ status: 200, data: { id: handoverId, status: 'active', mentor: 'kari' } });
        await stream.waitFor((event) => event.type === 'handover.transferred' && event.toMentor === 'kari');
      } finally {
        stream?.close();
      }
      await setting.app.handovers.idle();
      const detail = await kari.request('GET', `/api/mentor/handovers/${handoverId}`);
      expect(detail).toMatchObject({ status: 200, data: { status: 'active', mentor: 'kari' } });
      const texts = (detail.data as { messages: Array<{ text: string }> }).messages.map((message) => message.text);
      expect(texts).toContain('Hva er IPS?');
      const accepted = setting.app.translations.t('nb', 'handover.accepted');
      expect(setting.twilioApi.sent.filter((sms) => sms.to === from).map((sms) => sms.body)).toContain(accepted);
      // she writes to the person as if she had accepted it herself
      expect(
        (await kari.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: 'Hei, Kari her.' })).status,
      ).toBe(201);

      // no longer waiting: not given twice, not to anyone else
      expect(await assign(liv, handoverId, { mentor: 'per' })).toEqual({ status: 409, data: { error: 'not_waiting' } });
      expect(await assignRows()).toEqual([expect.objectContaining({ actor: 'liv', target: handoverId })]);
      expect(JSON.stringify(await assignRows())).not.toContain('IPS');
    });

    it('answers 409 at MENTOR_MAX_CONVERSATIONS', async () => {
      // kari has one from the test before; one more fills her up
      const second = await requestMentorBySms(setting.app, nextPhone(), { consent: true });
      expect((await assign(liv, second.handoverId, { mentor: 'kari' })).status).toBe(200);
      const third = await requestMentorBySms(setting.app, nextPhone(), { consent: true });
      expect(await assign(liv, third.handoverId, { mentor: 'kari' })).toEqual({
        status: 409,
        data: { error: 'mentor_at_capacity' },
      });
      expect(await statusOf(third.handoverId)).toBe('waiting');
      // per is under the cap
      expect(await assign(liv, third.handoverId, { mentor: 'per' })).toMatchObject({
        status: 200,
        data: { mentor: 'per' },
      });
      expect(await assignRows()).toHaveLength(3);
    });
  });
}

describeAssigning('SQLite', async () => undefined);

describeWith(postgres, POSTGRES_MISSING, 'on PostgreSQL', (server: PostgresServer) => {
  afterAll(async () => {
    await server.stop();
  });
  describeAssigning('PostgreSQL', async () => (await server.createDatabase()).url);
});
