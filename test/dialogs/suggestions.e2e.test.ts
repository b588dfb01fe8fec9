/**
 * "Mener du …?" over the real channels (real server, SQLite, NLU): a signed SMS and the local Direct
 * Line of the web chat. An unsure long message gets numbered choices on SMS (with "Noe annet" last)
 * and buttons in web chat; a pick (the number, or the button) gives that topic's answer, and the pick
 * is stored as an example candidate: the topic always, the masked text only with
 * KEEP_UNANSWERED_SAMPLES=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerKeyOf } from '../../dialogs/topics.js';
import type { TopicIntent } from '../../src/domain/domain.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';
import type { ExampleCandidate } from '../../src/storage/ports.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';
import { smsReplyText } from '../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
const UNSURE_NB = 'Jeg har vært syk lenge og en arbeidsgiver vurderer meg. Nås på 912 34 567. Hva bør jeg tenke på?';
const UNSURE_NN = 'Eg har vore sjuk lenge. Ein arbeidsgivar vurderer meg. Kva bør eg tenkje på?';
const UNSURE_EN =
  "I've been unwell for a long time and an employer is considering me. What should I keep in mind? Mail me at ola@example.no";

let keeping: TestApp;
let notKeeping: TestApp;

beforeAll(async () => {
  const env = { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, OPENING_HOURS: 'always' };
  keeping = await startTestApp({ env: { ...env, KEEP_UNANSWERED_SAMPLES: 'true' } });
  notKeeping = await startTestApp({ env });
});

afterAll(async () => {
  await keeping?.close();
  await notKeeping?.close();
});

const sms = (app: TestApp, from: string, body: string) =>
  smsReplyText({ baseUrl: app.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken }, from, body);

function candidates(app: TestApp): Promise<ExampleCandidate[]> {
  return app.store.transaction(null, (uow) =>
    uow.exampleCandidates.listBetween(new Date('2020-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z')),
  );
}

describe('"Mener du …?" over SMS', () => {
  it('nb: numbered choices with "Noe annet" last; "1" answers that topic and keeps the masked text', async () => {
    const { t } = keeping.translations;
    const offer = await sms(keeping, '+4741100001', UNSURE_NB);
    expect(offer).toContain(t('nb', 'dialog.suggest.question'));
    expect(offer).toMatch(
      /\n1\. Åpenhet når jeg søker jobb\n2\. Bør jeg være åpen\?\n3\. Hvordan kan jeg si det\?\n4\. Noe annet$/u,
    );
    expect(offer).not.toContain(t('nb', 'dialog.fallback.first'));
    const answer = await sms(keeping, '+4741100001', '1');
    expect(answer).toContain(t('nb', answerKeyOf('openness.jobsearch', true)));
    const [stored] = await candidates(keeping);
    expect(stored).toMatchObject({ topic: 'openness.jobsearch', dialogState: 'suggesting' });
    expect(stored?.maskedText).toBe(UNSURE_NB.replace('912 34 567', '[telefon]'));
    expect(stored?.hour.getUTCMinutes()).toBe(0);
  });

  it('nn: without KEEP_UNANSWERED_SAMPLES the pick keeps only the topic; "Noko anna" gets the menu', async () => {
    const { t } = notKeeping.translations;
    const offer = await sms(notKeeping, '+4741100002', UNSURE_NN);
    expect(offer).toContain(t('nn', 'dialog.suggest.question'));
    expect(offer).toMatch(/\n4\. Noko anna$/u);
    const answer = await sms(notKeeping, '+4741100002', '2');
    expect(answer).toContain(t('nn', answerKeyOf('openness.how', true)));
    expect(await candidates(notKeeping)).toEqual([
      { topic: 'openness.how', dialogState: 'suggesting', hour: expect.any(Date) },
    ]);
    await sms(notKeeping, '+4741100003', UNSURE_NN);
    const other = await sms(notKeeping, '+4741100003', '4');
    expect(other).toContain(t('nn', 'dialog.suggest.other'));
    expect(other).toContain(t('nn', 'dialog.menu.main'));
    expect(await candidates(notKeeping)).toHaveLength(1);
  });
});

interface WireActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; value: { choice: string } }> };
}

async function directLine<T>(app: TestApp, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${app.baseUrl}/v3/directline${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

describe('"Mener du …?" in web chat (local Direct Line)', () => {
  it('en: the guesses as buttons with "Something else" last; pressing one answers that topic', async () => {
    const { t } = keeping.translations;
    const tokenResponse = await fetch(`${keeping.baseUrl}/api/directline/token`, { method: 'POST' });
    const { token } = (await tokenResponse.json()) as { token: string };
    const { conversationId } = await directLine<{ conversationId: string }>(keeping, 'POST', '/conversations', token, {
      locale: 'en-GB',
    });
    const activities = async (watermark: string) =>
      directLine<{ activities: WireActivity[]; watermark: string }>(
        keeping,
        'GET',
        `/conversations/${conversationId}/activities?watermark=${watermark}`,
        token,
      );
    const opening = await activities('');
    const post = (activity: Record<string, unknown>) =>
      directLine(keeping, 'POST', `/conversations/${conversationId}/activities`, token, {
        type: 'message',
        from: { id: 'visitor' },
        locale: 'en-GB',
        ...activity,
      });

    await post({ text: UNSURE_EN });
    const offered = await activities(opening.watermark);
    const offer = offered.activities.filter((activity) => activity.type === 'message').at(-1);
    expect(offer?.text).toBe(t('en', 'dialog.suggest.question'));
    const buttons = offer?.suggestedActions?.actions ?? [];
    // the buttons are the classifier's own guesses, best first (which ones is the classifier's business)
    const guessed = (createClassifier()(UNSURE_EN, { locale: 'en' }).guesses ?? []).map((guess) => guess.intent);
    expect(guessed).toHaveLength(3);
    expect(buttons.map((button) => button.title)).toEqual([
      ...guessed.map((topic) => t('en', `topics.${topic}.label`)),
      'Something else',
    ]);

    const picked = buttons[1];
    const pickedTopic = guessed[1] as TopicIntent;
    await post({ text: picked?.title, value: picked?.value });
    const answered = await activities(offered.watermark);
    const answer = answered.activities.filter((activity) => activity.type === 'message').at(-1);
    expect(answer?.text).toContain(t('en', answerKeyOf(pickedTopic, true)));
    const stored = (await candidates(keeping)).filter((candidate) => candidate.topic === pickedTopic);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.maskedText).toBe(UNSURE_EN.replace('ola@example.no', '[e-post]'));
  });
});
