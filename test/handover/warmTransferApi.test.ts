/**
 * Warm transfers and coordinator moves through the real app's HTTP API, on SQLite and on PostgreSQL:
 * `GET /api/mentor/colleagues` (401 without a session, 403 for another site and for an account still on
 * its one-time password, 400 for a query it does not take, and only what a colleague may see); the
 * audit rows a transfer, a move and a take-over leave (never the note); the person told in their own
 * language on SMS (nb, nn) and web chat (en); and a withdrawn consent that stays withdrawn for the
 * new mentor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/domain.js';
import { COLLEAGUE_ACCOUNTS, mentorApiSetting } from '../support/mentorApi.js';
import { describeWith } from '../support/needs.js';
import { POSTGRES_MISSING, type PostgresServer, startTestPostgres } from '../support/postgresServer.js';
import { openDirectLineVisitor } from './support/directLineVisitor.js';
import {
  type HandoverTestApp,
  loginMentor,
  openHandoverIdOf,
  requestMentorBySms,
  smsUser,
} from './support/handoverApp.js';

const postgres = await startTestPostgres();

interface Detail {
  mentor: string | null;
  consentWithdrawnAt: string | null;
  messages: Array<{ direction: string; text: string }>;
  notes: Array<{ from: string; to: string; text: string }>;
}

function describeWarmTransfers(name: string, databaseUrl: () => Promise<string | undefined>): void {
  describe(`warm transfers on ${name}`, () => {
    const setting = mentorApiSetting({
      accounts: COLLEAGUE_ACCOUNTS,
      databaseUrl,
    });
    const kari = setting.client('kari');
    const per = setting.client('per');
    const liv = setting.client('liv');

    const smsTo = (number: string) => setting.twilioApi.sent.filter((sms) => sms.to === number).map((sms) => sms.body);
    const auditRows = async () =>
      (await liv.request('GET', '/api/staff/audit?days=7')).data as Array<{
        actor: string;
        action: string;
        target: string | null;
      }>;

    it('answers 401 without a session, 403 to another site and to a one-time password, 400 to a query', async () => {
      const anonymous = await fetch(`${setting.app.baseUrl}/api/mentor/colleagues`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: 'unauthorized' });
      expect(await kari.request('GET', '/api/mentor/colleagues', undefined, { origin: 'https://evil.test' })).toEqual({
        status: 403,
        data: { error: 'forbidden_origin' },
      });
      const reset = await liv.request('POST', '/api/staff/accounts', { username: 'siri', role: 'mentor' });
      const siri = await loginMentor(setting.app, 'siri', (reset.data as { oneTimePassword: string }).oneTimePassword);
      expect(await siri.request('GET', '/api/mentor/colleagues')).toEqual({
        status: 403,
        data: { error: 'password_change_required' },
      });
      expect(await kari.request('GET', '/api/mentor/colleagues?role=coordinator')).toMatchObject({
        status: 400,
        data: { error: 'invalid_query' },
      });
      // a mentor moving someone else's conversation the coordinators' way needs the role
      expect(await kari.request('POST', '/api/staff/handovers/some-id/transfer', { mentor: 'per' })).toEqual({
        status: 403,
        data: { error: 'forbidden_role' },
      });
      expect(
        await kari.request('POST', '/api/mentor/handovers/some-id/transfer', { note: 'uten mottaker' }),
      ).toMatchObject({ status: 400, data: { error: 'invalid_body' } });
    });

    it('lists the colleagues who can take a conversation, with presence, pause and load only', async () => {
      const { handoverId } = await requestMentorBySms(setting.app, '+4790001001', { consent: true });
      expect((await per.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      expect((await liv.request('POST', '/api/mentor/me/pause', { minutes: 15 })).status).toBe(200);

      const listed = await kari.request('GET', '/api/mentor/colleagues');
      expect(listed).toEqual({
        status: 200,
        data: [
          { username: 'liv', online: true, paused: true, conversations: 0, maxConversations: 3 },
          { username: 'per', online: true, paused: false, conversations: 1, maxConversations: 3 },
          { username: 'nina', online: false, paused: false, conversations: 0, maxConversations: 3 },
        ],
      });
      // not kari herself, not the disabled account, not one still on its one-time password
      expect(JSON.stringify(listed.data)).not.toMatch(/kari|ola|siri|role|lastLogin/);
      // and none of those can be given a conversation by name either
      for (const mentor of ['ola', 'siri', 'nobody']) {
        expect(await per.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor }), mentor).toEqual({
          status: 409,
          data: { error: 'unknown_mentor' },
        });
      }
      expect((await liv.request('DELETE', '/api/mentor/me/pause')).status).toBe(204);
    });

    it('a warm transfer, a move and a take-over: the person told each time, three audit rows, no note text', async () => {
      const from = '+4790001002';
      const { handoverId } = await requestMentorBySms(setting.app, from, {
        consent: true,
        first: 'Hei, jeg lurer på NAV',
      });
      expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      const note = 'Hun vil snakke om <b>tilrettelegging</b> hos sjefen.';
      expect(
        await kari.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor: 'per', note }),
      ).toMatchObject({ status: 200, data: { mentor: 'per' } });
      const detail = (await per.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
      expect(detail.notes).toEqual([expect.objectContaining({ from: 'kari', to: 'per', text: note })]);
      // what she agreed to share goes with the conversation
      expect(detail.messages).toContainEqual(
        expect.objectContaining({ direction: 'user', text: 'Hei, jeg lurer på NAV' }),
      );

      expect(
        (await liv.request('POST', `/api/staff/handovers/${handoverId}/transfer`, { mentor: 'kari' })).status,
      ).toBe(200);
      expect(
        (await liv.request('POST', `/api/staff/handovers/${handoverId}/transfer`, { mentor: 'liv' })).data,
      ).toMatchObject({ mentor: 'liv' });
      await setting.app.handovers.idle();
      const told = setting.app.translations.t('nb', 'system.mentorTransferred');
      expect(smsTo(from).filter((body) => body === told)).toHaveLength(3);
      expect(JSON.stringify(setting.twilioApi.sent)).not.toContain('tilrettelegging');

      const rows = (await auditRows()).filter((row) => row.target === handoverId && row.action !== 'transcript.read');
      expect(rows.map(({ actor, action }) => ({ actor, action }))).toEqual([
        { actor: 'kari', action: 'handover.accept' },
        { actor: 'kari', action: 'handover.transfer' },
        { actor: 'liv', action: 'handover.move' },
        { actor: 'liv', action: 'handover.takeOver' },
      ]);
      expect(JSON.stringify(await auditRows())).not.toContain('tilrettelegging');
      // a refused transfer leaves no row
      expect(
        (await kari.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor: 'per' })).status,
      ).toBe(403);
      expect((await auditRows()).filter((row) => row.action === 'handover.transfer')).toHaveLength(1);
    });

    it('tells the person in nynorsk on SMS and in English in the web chat', async () => {
      const from = '+4790001003';
      const { handoverId } = await requestMentorBySms(setting.app, from, { consent: false });
      // the person's language as the dialog would have stored it after a message in nynorsk
      await setLocaleOf(setting.app, from, 'nn');
      expect((await kari.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      expect(
        (await kari.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor: 'per' })).status,
      ).toBe(200);
      await setting.app.handovers.idle();
      expect(smsTo(from)).toContain(setting.app.translations.t('nn', 'system.mentorTransferred'));

      const en = (key: string) => setting.app.translations.t('en', key);
      const visitor = await openDirectLineVisitor(setting.app.baseUrl, 'en-GB');
      try {
        await visitor.waitFor((activity) => activity.text === en('dialog.welcome'));
        await visitor.tap(en('dialog.choice.mentor'));
        await visitor.tap(en('handover.choice.consentYes'));
        await visitor.waitFor((activity) => activity.text === en('handover.requested.shared'));
        const webHandover = await openHandoverIdOf(setting.app.store, visitor.conversationId, 'webchat');
        if (!webHandover) throw new Error('no handover for the visitor');
        expect((await kari.request('POST', `/api/mentor/handovers/${webHandover}/accept`)).status).toBe(200);
        expect(
          (await liv.request('POST', `/api/staff/handovers/${webHandover}/transfer`, { mentor: 'nina' })).status,
        ).toBe(200);
        await visitor.waitFor((activity) => activity.text === en('system.mentorTransferred'));
      } finally {
        await visitor.close();
      }
    });

    it('a consent taken back stays taken back for the new mentor', async () => {
      const from = '+4790001004';
      const send = smsUser(setting.app, from);
      const { handoverId } = await requestMentorBySms(setting.app, from, {
        consent: true,
        first: 'Hei, jeg er redd for å miste jobben',
      });
      setting.app.clock.advance(60_000);
      expect((await per.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      await send('ikke del samtalen');
      expect(
        (await per.request('POST', `/api/mentor/handovers/${handoverId}/transfer`, { mentor: 'kari' })).status,
      ).toBe(200);
      const detail = (await kari.request('GET', `/api/mentor/handovers/${handoverId}`)).data as Detail;
      expect(detail.mentor).toBe('kari');
      expect(detail.consentWithdrawnAt).not.toBeNull();
      expect(detail.messages.map((message) => message.text)).not.toContain('Hei, jeg er redd for å miste jobben');
    });
  });
}

async function setLocaleOf(app: HandoverTestApp, address: string, locale: Locale): Promise<void> {
  await app.store.transaction(null, async (uow) => {
    const conversation = await uow.conversations.findByAddress('sms', address);
    if (!conversation) throw new Error(`no conversation for ${address}`);
    await uow.conversations.update(conversation.id, { locale, updatedAt: app.clock() });
  });
}

describeWarmTransfers('SQLite', async () => undefined);

describeWith(postgres, POSTGRES_MISSING, 'on PostgreSQL', (server: PostgresServer) => {
  afterAll(async () => {
    await server.stop();
  });
  describeWarmTransfers('PostgreSQL', async () => (await server.createDatabase()).url);
});
