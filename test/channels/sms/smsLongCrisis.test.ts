/**
 * Crisis detection reads the whole message: a long SMS (up to the 1,600 characters of a
 * concatenated SMS and beyond) that only at its end says the person does not want to live gets the
 * crisis answer, through the real app (signed webhook, real NLU, dialogs and SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TWILIO, type TestApp } from '../../support/testApp.js';
import { smsReplyText } from '../../support/twilioWebhook.js';

const PUBLIC_BASE_URL = 'https://helpline.test';
let app: TestApp;

/** An ordinary, rambling work story of about `length` characters with no crisis word in it. */
function workStory(length: number): string {
  const sentences = [
    'Jeg har jobbet på lageret i fire år og trivdes lenge godt der.',
    'I vår fikk vi ny leder, og siden har det vært mye omorganisering og lite tid til å snakke sammen.',
    'Jeg har angst og har ikke sagt det til noen på jobben, fordi jeg er redd for hva de vil tenke.',
    'Fastlegen min mener jeg burde ta det opp med lederen og spørre om tilrettelegging.',
    'Vi har medarbeidersamtale om to uker, og jeg vet ikke hva jeg skal si der.',
  ];
  let story = '';
  for (let index = 0; story.length < length; index++) story += `${sentences[index % sentences.length]} `;
  return story;
}

const sms = (from: string, body: string): Promise<string> =>
  smsReplyText({ baseUrl: app.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, authToken: TEST_TWILIO.authToken }, from, body);

beforeAll(async () => {
  app = await startTestApp({
    env: { PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken, TWILIO_FROM_NUMBER: TEST_TWILIO.fromNumber },
  });
});

afterAll(async () => {
  await app.close();
});

describe('a crisis phrase at the end of a long SMS', () => {
  it.each([
    ['1,600 characters', 1560],
    ['5,000 characters', 5000],
  ])('gets the crisis answer in a message of %s', async (_label, storyLength) => {
    const story = workStory(storyLength);
    const body = `${story}Og nå orker jeg ikke mer, jeg vil ikke leve mer.`;
    expect(body.indexOf('vil ikke leve mer')).toBeGreaterThan(1500);
    const reply = await sms(`+474100${storyLength}`, body);
    expect(reply).toContain('113');
    expect(reply).toContain('116 123');
  });

  it('the same story without the phrase gets no crisis answer (the story alone is not what flags it)', async () => {
    const reply = await sms('+4741000002', workStory(1560));
    expect(reply).not.toContain('113');
  });
});
