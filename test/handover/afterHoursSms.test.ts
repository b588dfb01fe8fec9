/**
 * After hours over the real SMS webhook (real app, SQLite, NLU, signed requests), at fixed clocks:
 * the hours answer states the real weekly hours from OPENING_HOURS, and the after-hours question and
 * the callback confirmation say when mentors are next there, after a weekday, a weekend and Christmas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';
import { choiceNumber, type HandoverTestApp, smsUser, startHandoverApp } from './support/handoverApp.js';

const CONTRACT_DEFAULT_HOURS = 'mon-wed,fri 09:00-15:00; thu 09:00-18:00';
const WEEKLY_HOURS_NB =
  'Mentorene svarer mandag til onsdag kl. 09.00-15.00, torsdag kl. 09.00-18.00 og fredag kl. 09.00-15.00, men ikke på helligdager.';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
const clock = createTestClock('2026-12-01T20:00:00+01:00');
let phone = 43000000;
const nextPhone = () => {
  phone += 1;
  return `+47${phone}`;
};

beforeAll(async () => {
  twilioApi = await startFakeTwilioApi(TEST_TWILIO);
  app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: CONTRACT_DEFAULT_HOURS, clock });
});

afterAll(async () => {
  await app?.close();
  await twilioApi?.close();
});

describe('after hours, said plainly (SMS)', () => {
  it('on Tuesday evening: the hours answer, then "tilbake i morgen, onsdag, kl. 09.00" in the question and the callback', async () => {
    clock.set('2026-12-01T20:00:00+01:00');
    const send = smsUser(app, nextPhone());
    const hoursAnswer = (await send('Når har dere åpent?')).join('\n');
    expect(hoursAnswer).toContain(WEEKLY_HOURS_NB);
    expect(hoursAnswer).toContain('Akkurat nå er de ikke på jobb. De er tilbake i morgen, onsdag, kl. 09.00,');

    const menu = await send('Meny');
    const question = (await send(choiceNumber(menu, 'Snakk med en mentor'))).join('\n');
    expect(question).toContain('Mentorene er ikke på jobb akkurat nå. De er tilbake i morgen, onsdag, kl. 09.00,');
    const callback = await send(choiceNumber([question], 'Ja, mentoren kan lese det'));
    expect(callback.join('\n')).toContain(
      'De er tilbake i morgen, onsdag, kl. 09.00, og da kan en mentor svare deg her på SMS.',
    );
    const noted = await send('Ring meg gjerne etter lunsj');
    expect(noted.join('\n')).toContain(
      'beskjeden din er lagret til mentoren. Mentorene er tilbake i morgen, onsdag, kl. 09.00.',
    );
  });

  it('on Friday after closing and on Saturday (nynorsk): Monday with the date; in English on Christmas Eve', async () => {
    clock.set('2026-12-04T15:30:00+01:00');
    const send = smsUser(app, nextPhone());
    const menu = await send('Hei');
    const question = (await send(choiceNumber(menu, 'Snakk med en mentor'))).join('\n');
    expect(question).toContain('De er tilbake på mandag 7. desember kl. 09.00,');

    clock.set('2026-12-05T11:00:00+01:00'); // Saturday
    const nynorsk = smsUser(app, nextPhone());
    await nynorsk('Hei');
    const nynorskMenu = await nynorsk('NYNORSK');
    const nynorskQuestion = await nynorsk(choiceNumber(nynorskMenu, app.translations.t('nn', 'dialog.choice.mentor')));
    expect(nynorskQuestion.join('\n')).toContain(
      'Mentorane er ikkje på jobb akkurat no. Dei er tilbake på måndag 7. desember kl. 09.00,',
    );

    clock.set('2026-12-24T18:30:00+01:00');
    const english = smsUser(app, nextPhone());
    await english('Hei');
    const englishMenu = await english('ENGLISH');
    const englishQuestion = (await english(choiceNumber(englishMenu, 'Talk to a mentor'))).join('\n');
    expect(englishQuestion).toContain('They are back on Monday 28 December at 09:00,');
    const confirmation = await english(
      choiceNumber([englishQuestion], app.translations.t('en', 'handover.choice.consentYes')),
    );
    expect(confirmation.join('\n')).toContain(
      'They are back on Monday 28 December at 09:00, and then a mentor can answer you here by text.',
    );
  });

  it('in opening hours the hours answer states the hours and offers a mentor', async () => {
    clock.set('2026-12-03T16:00:00+01:00'); // Thursday, open until 18.00
    const answer = (await smsUser(app, nextPhone())('Når har dere åpent?')).join('\n');
    expect(answer).toContain(WEEKLY_HOURS_NB);
    expect(answer).toContain('Akkurat nå er de på jobb');
  });
});
