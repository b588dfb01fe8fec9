/**
 * Issue 11, point 8, in Debian's Chromium on the real application: after hours a web chat visitor
 * (on the local Direct Line, as the chat page uses it) leaves a mobile number with a callback; the
 * mentor sees how the person can be reached, writes a first SMS from the callback and sends it (the
 * fake Twilio API gets it), and the person's SMS reply appears live in the SMS conversation that
 * follows. Screenshots go to test-artifacts/mentor-console/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DirectLineVisitor, openDirectLineVisitor } from '../handover/support/directLineVisitor.js';
import {
  addMentor,
  type HandoverTestApp,
  MENTOR_PASSWORD,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';

const SCREENSHOTS = screenshotsFolder('mentor-console');
const VISITOR_PHONE = '+4791234500';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let page: Page;
let visitor: DirectLineVisitor | undefined;
const pageErrors: string[] = [];

const t = (key: string, params?: Record<string, string | number>) => app.translations.t('nb', key, params);
const say = (key: string, params?: Record<string, string | number>) => t(`console.${key}`, params);

describeInChromium('starting an SMS conversation from a web chat callback, in Chromium', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    // the test clock starts on a Tuesday at 10:00: the helpline is closed
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: 'mon 09:00-10:00' });
    await addMentor(app, 'kari');
    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: { width: 1000, height: 760 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    collectPageProblems(page, pageErrors, 'csp refusals');
  });

  afterAll(async () => {
    await visitor?.close();
    await app?.close();
    await twilioApi?.close();
  });

  it('shows how the person can be reached, sends the first SMS, and runs as an SMS handover', async () => {
    visitor = await openDirectLineVisitor(app.baseUrl);
    await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));
    await visitor.tap(t('dialog.choice.mentor'));
    await visitor.waitFor((activity) => activity.text === t('handover.consent.afterHoursQuestion'));
    await visitor.tap(t('handover.choice.consentYes'));
    await visitor.waitFor((activity) => activity.text === t('handover.callback.askPhone', { retentionDays: 30 }));
    await visitor.say('912 34 500');
    await visitor.waitFor((activity) => activity.text === t('handover.callback.phoneSaved'));

    await page.goto(`${app.baseUrl}/mentor`);
    await page.getByLabel(say('login.username')).fill('kari');
    await page.getByLabel(say('login.password')).fill(MENTOR_PASSWORD);
    await page.getByRole('button', { name: say('login.submit') }).click();
    await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
    await page.getByRole('button', { name: say('nav.callbacks') }).click();
    await page.getByRole('heading', { name: say('callbacks.heading') }).waitFor();
    const reach = say('callbacks.reachSms', { phone: VISITOR_PHONE });
    await page.getByText(reach).waitFor();
    await page.getByRole('button', { name: say('queue.open') }).click();

    const firstSms = page.getByLabel(say('callbacks.smsLabel'));
    expect(await firstSms.inputValue()).toBe(say('callbacks.smsDraft', { mentor: 'kari' }));
    await firstSms.fill('Hei! Kari her, mentor ved Arbeidslivstelefonen. Du ba om at vi tar kontakt.');
    await page.screenshot({ path: join(SCREENSHOTS, '20-callback-first-sms.png'), fullPage: true });
    await page.getByRole('button', { name: say('callbacks.smsStart') }).click();

    // the console opens the new SMS conversation, with the mentor's compose box
    await page.getByLabel(say('handover.messageLabel')).waitFor();
    const sent = await twilioApi.waitForMessages(2);
    expect(sent.map((message) => [message.to, message.body])).toEqual([
      [VISITOR_PHONE, t('handover.startedByMentor')],
      [VISITOR_PHONE, 'Hei! Kari her, mentor ved Arbeidslivstelefonen. Du ba om at vi tar kontakt.'],
    ]);

    // the person's SMS reply reaches the mentor, live
    expect(await smsUser(app, VISITOR_PHONE)('Takk! Fint å høre fra dere.')).toEqual([]);
    await page.getByText('Takk! Fint å høre fra dere.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '21-callback-sms-conversation.png'), fullPage: true });

    // the web chat callback is answered: gone from the list, with its number
    await page.getByRole('button', { name: say('nav.callbacks') }).click();
    await page.getByText(say('callbacks.empty')).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
