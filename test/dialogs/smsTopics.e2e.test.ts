/**
 * Issue 3's "done when", over the real /api/sms webhook (real server, SQLite, NLU, signed requests):
 * texting each topic's question gives that topic's answer in Norwegian, and the menus reach all 21
 * topics by numbers alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerKeyOf, SUBMENUS, submenuOf, topicsOf } from '../../dialogs/topics.js';
import { TOPIC_INTENTS, type TopicIntent } from '../../src/conversation/domain.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { postSmsWebhook, twimlMessages } from '../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';

const QUESTIONS: Record<TopicIntent, string> = {
  'openness.whether': 'Bør jeg være åpen om psykisk helse på jobben?',
  'openness.how': 'Hvordan kan jeg fortelle kollegaene mine at jeg har angst?',
  'openness.rights': 'Har arbeidsgiveren krav på å vite diagnosen min?',
  'openness.jobsearch': 'Må jeg si noe om psykisk helse på jobbintervju?',
  'openness.reactions': 'Kollegaene mine har fordommer mot psykisk sykdom, hva gjør jeg?',
  'measures.overview': 'Hvilke tiltak finnes for å komme i jobb?',
  'measures.wage_subsidy': 'Hva er lønnstilskudd?',
  'measures.mentor': 'Hva er mentortilskudd fra NAV?',
  'measures.work_training': 'Hva er arbeidstrening?',
  'measures.adaptation': 'Hvordan kan jobben tilrettelegges for meg?',
  'measures.ips': 'Hva er IPS og jobbspesialist?',
  'measures.job_coping': 'Hva er Senter for jobbmestring?',
  'measures.nav_followup': 'Hvordan får jeg en fast veileder i NAV?',
  'measures.sick_leave': 'Kan jeg være gradert sykmeldt?',
  'helpline.about': 'Hva er Arbeidslivstelefonen?',
  'helpline.courses': 'Har dere kurs eller seminarer?',
  'helpline.hours': 'Når har dere åpent?',
  'helpline.privacy': 'Er det anonymt å skrive her?',
  'work.recovery': 'Kan jobb hjelpe meg å bli frisk?',
  'work.struggling': 'Jeg sliter på jobben og er stressa',
  'work.return': 'Jeg har vært borte fra jobb i mange år, hvordan kommer jeg tilbake?',
};

let app: TestApp;
let phone = 41000000;

async function sms(from: string, body: string): Promise<string> {
  const response = await postSmsWebhook({
    baseUrl: app.baseUrl,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: TEST_TWILIO.authToken,
    from,
    body,
  });
  expect(response.status).toBe(200);
  return twimlMessages(response.body).join('\n');
}

/** the answer as the user reads it (the app's translations fill in the hours); OPENING_HOURS=always, so mentors are on duty */
const answerText = (topic: TopicIntent) => app.translations.t('nb', answerKeyOf(topic, true));

beforeAll(async () => {
  app = await startTestApp({
    env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, OPENING_HOURS: 'always' },
  });
});

afterAll(async () => {
  await app.close();
});

describe('topics over SMS', () => {
  it.each(TOPIC_INTENTS)('texting a question about %s gives its answer', async (topic) => {
    phone += 1;
    const reply = await sms(`+47${phone}`, QUESTIONS[topic]);
    expect(reply).toMatch(/chatbot/i);
    expect(reply).toContain(answerText(topic));
  });

  it('reaches all 21 topics by numbers alone', async () => {
    for (const topic of TOPIC_INTENTS) {
      phone += 1;
      const from = `+47${phone}`;
      const submenu = submenuOf(topic);
      expect(await sms(from, 'Hei')).toContain(`${SUBMENUS.indexOf(submenu) + 1}. `);
      await sms(from, String(SUBMENUS.indexOf(submenu) + 1));
      const reply = await sms(from, String(topicsOf(submenu).indexOf(topic) + 1));
      expect(reply, topic).toContain(answerText(topic));
      expect(reply).toMatch(/^1\. .+\n2\. .+\n3\. .+$/m);
    }
  });
});
