/**
 * GET /api/staff/stats, /unanswered and /audit through the real app, on SQLite and on PostgreSQL:
 * who may call them (401, 403), what they refuse (400), and that the counts are those of real,
 * signed SMS conversations, counted at the time they happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_INTENTS, TOPIC_INTENTS } from '../../src/domain/domain.js';
import { MASKS } from '../../src/privacy/maskPersonalData.js';
import { numberSeries } from '../multiInstance/smsClient.js';
import { freshLocation, type StoreKind } from '../multiInstance/storeLocation.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { POSTGRES_MISSING, startTestPostgres } from '../support/postgresServer.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { aDayAtTheHelpline, type StatsSetting, startStatsApp } from './statisticsTestKit.js';

const postgres = await startTestPostgres();
const twilioApi: FakeTwilioApi = await startFakeTwilioApi(TEST_TWILIO);

afterAll(async () => {
  await twilioApi.close();
  await postgres?.stop();
});

const ROUTES = ['/api/staff/stats', '/api/staff/stats?format=csv', '/api/staff/unanswered', '/api/staff/audit'];

function suite(kind: StoreKind, prefix: string) {
  describe(`staff statistics API on ${kind}`, () => {
    let setting: StatsSetting;
    let day: Awaited<ReturnType<typeof aDayAtTheHelpline>>;

    beforeAll(async () => {
      if (kind === 'postgres' && !postgres) throw new Error(POSTGRES_MISSING);
      const location = await freshLocation(kind, postgres);
      setting = await startStatsApp({ twilioApi, location, keepSamples: true });
      day = await aDayAtTheHelpline(setting, numberSeries(prefix));
    });

    afterAll(async () => {
      await setting?.app.close();
    });

    it('answers 401 without a session and 403 to another site', async () => {
      for (const path of ROUTES) {
        const bare = await fetch(`${setting.app.baseUrl}${path}`);
        expect(bare.status, path).toBe(401);
        const foreign = await setting.coordinator.request('GET', path, undefined, { origin: 'https://evil.example' });
        expect(foreign.status, path).toBe(403);
      }
    });

    it('answers 403 to a mentor who is not a coordinator', async () => {
      for (const path of ROUTES) {
        const asMentor = await setting.mentor.request('GET', path);
        expect(asMentor.status, path).toBe(403);
        expect(asMentor.data).toMatchObject({ error: 'forbidden_role' });
      }
    });

    it('answers 400 with the reason for a bad period or format', async () => {
      const bad = [
        'from=2026-13-01&to=2026-12-01',
        'from=2026-02-30&to=2026-03-01',
        'from=yesterday&to=today',
        'from=2026-11-25&to=2026-11-01',
        'from=2020-01-01&to=2026-11-24',
        'from=2026-11-01',
        'days=8',
        'days=7&from=2026-11-01&to=2026-11-02',
      ];
      for (const path of ['/api/staff/stats', '/api/staff/unanswered', '/api/staff/audit']) {
        for (const query of bad) {
          const answer = await setting.coordinator.request('GET', `${path}?${query}`);
          expect(answer.status, `${path}?${query}`).toBe(400);
          expect(answer.data).toMatchObject({ error: 'invalid_query', reason: expect.any(String) });
        }
      }
      expect((await setting.coordinator.request('GET', '/api/staff/stats?format=xml')).status).toBe(400);
    });

    it('counts the conversations of the day: channels, topics, not understood, handovers, waits, crisis, outcomes, feedback', async () => {
      const { status, data } = await setting.coordinator.request('GET', '/api/staff/stats?days=7');
      expect(status).toBe(200);
      expect(data).toMatchObject({
        conversations: 4,
        byChannel: { sms: 4, webchat: 0, cli: 0 },
        notUnderstood: 1,
        // the person in crisis is put in the queue at once, and still waits
        handovers: { requested: 3, accepted: 1, abandoned: 1, callbacks: 0 },
        crisis: 1,
        // 7 minutes is in the bucket "at most 10"
        waitMinutes: { p50: 10, p90: 10 },
        outcomes: { answered: 1, referred: 0, no_contact: 0, other: 0 },
        feedback: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
        feedbackAsked: 1,
      });
      const report = data as {
        topics: Record<string, number>;
        perDay: Array<{ date: string; sms: number }>;
        notUnderstoodByState: Array<{ state: string; messages: number; notUnderstood: number }>;
        busiestHours: Array<{ weekday: number; hour: number; conversations: number }>;
        waitMinutesByWeek: Array<{ week: string; accepted: number; p50: number | null }>;
        crisisByWeek: Array<{ week: string; crisis: number }>;
      };
      expect(Object.keys(report.topics)).toHaveLength(21);
      expect(report.topics['measures.wage_subsidy']).toBe(1);
      expect(report.perDay).toHaveLength(7);
      // the clock stands at Tuesday 24 November 2026, 10:00 in Oslo
      expect(report.perDay.at(-1)).toMatchObject({ date: '2026-11-24', sms: 4 });
      expect(report.notUnderstoodByState).toContainEqual(
        expect.objectContaining({ state: 'conversation.answer', notUnderstood: 1 }),
      );
      expect(report.busiestHours).toHaveLength(7 * 24);
      expect(report.busiestHours.filter((cell) => cell.conversations > 0)).toEqual([
        { weekday: 2, hour: 10, conversations: 4 },
      ]);
      expect(report.waitMinutesByWeek.at(-1)).toMatchObject({ week: '2026-W48', accepted: 1, p50: 10 });
      expect(report.crisisByWeek.at(-1)).toEqual({ week: '2026-W48', crisis: 1 });

      const before = await setting.coordinator.request('GET', '/api/staff/stats?from=2026-11-01&to=2026-11-23');
      expect(before.data).toMatchObject({ conversations: 0, crisis: 0, waitMinutes: { p50: null, p90: null } });
    });

    it('exports the same numbers as CSV', async () => {
      const response = await fetch(`${setting.app.baseUrl}/api/staff/stats?days=7&format=csv`, {
        headers: { cookie: setting.coordinator.cookie },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain('attachment');
      const lines = (await response.text()).trim().split('\n');
      expect(lines[0]).toBe('section,key,value');
      expect(lines).toEqual(
        expect.arrayContaining([
          'conversations,total,4',
          'byChannel,sms,4',
          'topics,measures.wage_subsidy,1',
          'feedback,4,1',
          'waitMinutes,p50,10',
          'perDay.sms,2026-11-24,4',
          'busiestHours,2-10,4',
        ]),
      );
    });

    it('adds a column of words for the ids in the language asked for', async () => {
      const csvIn = async (lng: string) => {
        const response = await fetch(`${setting.app.baseUrl}/api/staff/stats?days=7&format=csv&lng=${lng}`, {
          headers: { cookie: setting.coordinator.cookie },
        });
        return { status: response.status, lines: (await response.text()).trim().split('\n') };
      };
      const nb = await csvIn('nb');
      expect(nb.status).toBe(200);
      expect(nb.lines[0]).toBe('section,key,value,label');
      expect(nb.lines).toEqual(
        expect.arrayContaining([
          'conversations,total,4,',
          'byChannel,sms,4,SMS',
          'topics,measures.wage_subsidy,1,Lønnstilskudd',
          'handovers,accepted,1,Fikk en mentor',
          'outcomes,answered,1,Besvart',
          'perDay.webchat,2026-11-24,0,Nettprat',
          'busiestHours,2-10,4,Tirsdag 10',
          expect.stringMatching(/^notUnderstoodByState\.messages,conversation\.mainMenu,\d+,Hovedmenyen$/),
        ]),
      );
      const en = await csvIn('en');
      expect(en.lines).toEqual(expect.arrayContaining(['topics,measures.wage_subsidy,1,Wage subsidy']));
      expect((await csvIn('de')).status).toBe(400);
    });

    it('keeps what it did not understand, masked, as NLU example lines, only for coordinators', async () => {
      const { status, data } = await setting.coordinator.request('GET', '/api/staff/unanswered?days=7');
      expect(status).toBe(200);
      const answer = data as { enabled: boolean; samples: Array<Record<string, string>> };
      expect(answer.enabled).toBe(true);
      expect(answer.samples).toEqual([
        expect.objectContaining({
          locale: 'nb',
          state: 'conversation.answer',
          text: `blablabla qwerty zxcv, ring meg på ${MASKS.phone}`,
          exampleFile: 'src/nlu/data/examples/nb.json',
          exampleLine: JSON.stringify(`blablabla qwerty zxcv, ring meg på ${MASKS.phone}`),
        }),
      ]);
      expect(JSON.stringify(answer)).not.toContain('912 34 567');
      expect(Object.keys(answer.samples[0] ?? {})).not.toContain('conversationId');
    });

    it('names the intents a coordinator can file an example under: every one but unknown, the topics first', async () => {
      const { status, data } = await setting.coordinator.request('GET', '/api/staff/unanswered?days=7');
      expect(status).toBe(200);
      const { intents } = data as { intents: string[] };
      expect(intents.slice(0, TOPIC_INTENTS.length)).toEqual([...TOPIC_INTENTS]);
      expect(intents).toEqual([...TOPIC_INTENTS, ...CONVERSATION_INTENTS.filter((intent) => intent !== 'unknown')]);
      expect(intents).not.toContain('unknown');
    });

    it('keeps an audit log of logins, accepts, transcript reads and closes, without message text', async () => {
      const { status, data } = await setting.coordinator.request('GET', '/api/staff/audit?days=7');
      expect(status).toBe(200);
      const rows = data as Array<{ at: string; actor: string; action: string; target: string | null }>;
      const actions = rows.map((row) => `${row.actor} ${row.action}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'kari login',
          'ola login',
          'ola handover.accept',
          'ola transcript.read',
          'ola handover.close',
        ]),
      );
      expect(rows.find((row) => row.action === 'handover.accept')?.target).toBe(day.handoverId);
      for (const row of rows) expect(Object.keys(row).sort()).toEqual(['action', 'actor', 'at', 'target']);
      expect(JSON.stringify(rows)).not.toContain('Ola her');
      for (const number of day.people) expect(JSON.stringify(rows)).not.toContain(number);
    });
  });
}

suite('sqlite', '61');
suite('postgres', '62');
