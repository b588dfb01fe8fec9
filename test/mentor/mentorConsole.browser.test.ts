/**
 * The mentor console in Debian's Chromium on the real application (startTestApp): a mentor added with
 * mentorAccounts logs in; two people text the helpline and ask for a mentor, one of them in crisis
 * (arriving live while the console is open); the mentor opens the crisis one, accepts, replies (the
 * fake Twilio API gets the SMS), sees the person's answer appear live, and closes with an outcome.
 * Then language, contact requests and logout. Screenshots go to test-artifacts/mentor-console/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  MENTOR_PASSWORD,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';

const SCREENSHOTS = screenshotsFolder('mentor-console');
const MINUTE = 60_000;
const WAITING_PHONE = '+4745000001';
const CRISIS_PHONE = '+4745000002';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let page: Page;
const pageErrors: string[] = [];

/** the console's own words (locales/nb/console.json) */
const say = (key: string, params?: Record<string, string | number>) =>
  app.translations.t('nb', `console.${key}`, params);

function sentTo(to: string): string[] {
  return twilioApi.sent.filter((message) => message.to === to).map((message) => message.body);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describeInChromium('mentor console in Chromium, on the real app', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, clock: createTestClock(new Date()) });
    await addMentor(app, 'kari');

    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: { width: 1000, height: 760 } });
    page = await context.newPage();
    // a hung step fails with the locator it waited for, well before the test's own timeout
    page.setDefaultTimeout(10_000);
    collectPageProblems(page, pageErrors, 'csp refusals');
  });

  afterAll(async () => {
    await app?.close();
    await twilioApi?.close();
  });

  it('logs in, takes the person in crisis, chats by SMS with live replies, and closes', async () => {
    // the server's clock runs minutes behind the browser's, so the queue shows real waiting times;
    // someone has been waiting since before the mentor logs in
    app.clock.set(new Date(Date.now() - 7 * MINUTE));
    await requestMentorBySms(app, WAITING_PHONE, { consent: true });
    app.clock.advance(3 * MINUTE);

    // a slow answer to "am I logged in?" (as on a busy server) must not wipe what the mentor types
    await page.route('**/api/mentor/me', (route) => setTimeout(() => route.continue(), 500), { times: 1 });
    const sessionChecked = page.waitForResponse((response) => response.url().endsWith('/api/mentor/me'));
    await page.goto(`${app.baseUrl}/mentor`);
    await expect.poll(() => page.title()).toBe(say('title'));
    await page.getByRole('heading', { name: say('login.heading') }).waitFor();
    await page.getByLabel(say('login.username')).fill('kari');
    await page.getByLabel(say('login.password')).fill('feil passord');
    await sessionChecked;
    // the page has handled the answer (drawn the form again, or not), not merely received it
    await page.locator('body[data-session-checked="true"]').waitFor({ state: 'attached' });
    expect(await page.getByLabel(say('login.username')).inputValue()).toBe('kari');
    expect(await page.getByLabel(say('login.password')).inputValue()).toBe('feil passord');
    // another language re-draws the form with what was typed, and the password never enters the markup
    const pageLanguage = () => page.evaluate(() => document.documentElement.lang);
    await page.locator('#language').selectOption('nn');
    await expect.poll(pageLanguage).toBe('nn');
    expect(await page.locator('#username').inputValue()).toBe('kari');
    expect(await page.locator('#password').inputValue()).toBe('feil passord');
    expect(await page.content()).not.toContain('feil passord');
    await page.locator('#language').selectOption('nb');
    await expect.poll(pageLanguage).toBe('nb');
    await shot('01-login');

    await page.getByRole('button', { name: say('login.submit') }).click();
    await page.getByText(say('login.failed')).waitFor();

    await page.getByLabel(say('login.password')).fill(MENTOR_PASSWORD);
    await page.getByRole('button', { name: say('login.submit') }).click();
    await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
    expect(await page.getByText(say('nav.loggedInAs', { username: 'kari' })).isVisible()).toBe(true);
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name.endsWith('mentor_session'))).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expect.poll(() => page.locator('.cards li').count()).toBe(1);
    await page.getByText(say('live.connected')).waitFor();

    // a person in crisis asks for a mentor while the console is open: they appear first, live, and loud
    await requestMentorBySms(app, CRISIS_PHONE, { consent: true, first: 'Jeg vil ikke leve lenger' });
    const firstCard = page.locator('.cards li').first();
    await firstCard.getByText(say('crisis.badge'), { exact: true }).waitFor({ timeout: 1500 });
    expect(await page.locator('.cards li').count()).toBe(2);
    expect(await firstCard.getAttribute('class')).toContain('crisis');
    // no topic was asked about: the card says crisis, never "no topic" (or the last topic browsed)
    await expect(firstCard.locator('.card-title').textContent()).resolves.toBe(say('crisis.badge'));
    expect(await firstCard.getByText(say('queue.waited', { time: say('time.minutes', { minutes: 4 }) })).count()).toBe(
      1,
    );
    expect(
      await page
        .locator('.cards li')
        .nth(1)
        .getByText(say('queue.waited', { time: say('time.minutes', { minutes: 7 }) }))
        .count(),
    ).toBe(1);
    await shot('02-queue-with-crisis');

    await firstCard.getByRole('button', { name: say('queue.open') }).click();
    // the banner itself (the live announcer may say the same words at that moment)
    await page.locator('.crisis-banner', { hasText: say('handover.crisisBanner') }).waitFor();
    // consent: the mentor reads what the person wrote to the bot
    await page.locator('.transcript').getByText('Jeg vil ikke leve lenger').waitFor();
    await expect(page.locator('#handover-heading').textContent()).resolves.toBe(say('topics.crisis'));
    // the message that set off the crisis answer is marked, in words, and only that one
    const marked = page.locator('.transcript .crisis-message');
    expect(await marked.count()).toBe(1);
    await expect(marked.locator('.message-text').textContent()).resolves.toBe('Jeg vil ikke leve lenger');
    await expect(marked.locator('.crisis-mark').textContent()).resolves.toBe(say('handover.crisisMessage'));
    // the summary in words, not the server's facts format
    const summary = await page.locator('.summary').textContent();
    expect(summary).toContain(say('handover.summaryConsentYes'));
    // a crisis is queued with its first message, before the consent question is answered
    expect(summary).toContain(say('handover.summaryUserMessages', { count: 1 }));
    expect(summary).not.toContain('consent=');
    await shot('03-crisis-opened');

    await page.getByRole('button', { name: say('handover.accept') }).click();
    const compose = page.getByLabel(say('handover.messageLabel'));
    await compose.waitFor();
    await shot('04-accepted');

    const mentorText = 'Hei, jeg heter Kari. Takk for at du skrev. Er du trygg akkurat nå?';
    const send = page.getByRole('button', { name: say('handover.send'), exact: true });
    // the first try is lost on the network: the mentor is told, and the text stays for another try
    await page.route('**/api/mentor/handovers/*/messages', (route) => route.abort(), { times: 1 });
    await compose.fill(mentorText);
    await send.click();
    await page.getByText(say('handover.sendFailed')).waitFor();
    expect(await compose.inputValue()).toBe(mentorText);
    expect(sentTo(CRISIS_PHONE)).not.toContain(mentorText);
    // the second try goes out slowly; the box is free at once, and what is typed meanwhile is kept
    await page.route('**/api/mentor/handovers/*/messages', (route) => setTimeout(() => route.continue(), 500), {
      times: 1,
    });
    await send.click();
    expect(await compose.inputValue()).toBe('');
    await compose.fill('Ta den tiden du trenger.');
    await page.locator('.message.mentor').getByText(mentorText).waitFor();
    expect(await compose.inputValue()).toBe('Ta den tiden du trenger.');
    await expect.poll(() => sentTo(CRISIS_PHONE).at(-1)).toBe(mentorText);
    expect(sentTo(CRISIS_PHONE)).toContain(app.translations.t('nb', 'handover.accepted'));
    await page.locator('.message.mentor').getByText(say('handover.delivery.sent')).waitFor();
    await shot('05-replied');

    // the mentor picks how it ended while the person is still writing; their answer appears without
    // the mentor doing anything, and the live re-draw keeps the outcome and what the mentor has typed
    await page.getByLabel(say('handover.outcome')).selectOption('answered');
    await compose.fill('Godt å høre.');
    const userText = 'Ja, jeg er hjemme. Det er bare så tungt på jobben.';
    const sentAt = Date.now();
    expect(await smsUser(app, CRISIS_PHONE)(userText)).toEqual([]);
    await page.locator('.message.user').getByText(userText).waitFor({ timeout: 1500 });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(await page.getByLabel(say('handover.outcome')).inputValue()).toBe('answered');
    expect(await compose.inputValue()).toBe('Godt å høre.');
    await shot('06-live-reply');

    // a warning sign in the mentor chat: the bot says nothing, the message appears marked calmly, in words
    const worrying = 'ingenting nytter, jeg gir opp';
    expect(await smsUser(app, CRISIS_PHONE)(worrying)).toEqual([]);
    const concern = page.locator('.transcript .concern-message', { hasText: worrying });
    await concern.waitFor({ timeout: 1500 });
    await expect(concern.locator('.concern-mark').textContent()).resolves.toBe(say('handover.concernMessage'));
    expect(await concern.locator('.crisis-mark').count()).toBe(0);
    expect(await page.locator('.transcript .crisis-message').count()).toBe(1);
    // calm: the console's accent, not the crisis red
    const colours = await concern.evaluate((item) => {
      const mark = item.querySelector('.concern-mark');
      const crisisRed = getComputedStyle(document.documentElement).getPropertyValue('--crisis').trim();
      return {
        mark: mark ? getComputedStyle(mark).color : '',
        border: getComputedStyle(item).borderLeftColor,
        crisisRed,
      };
    });
    expect(colours.crisisRed).toBe('#a4001d');
    expect([colours.mark, colours.border]).not.toContain('rgb(164, 0, 29)');
    await shot('06b-concern-marked');

    await page.getByRole('button', { name: say('handover.close'), exact: true }).click();
    await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
    await expect.poll(() => page.locator('.cards li').count()).toBe(1);
    expect(await page.locator('.card.crisis').count()).toBe(0);
    await expect.poll(() => sentTo(CRISIS_PHONE)).toContain(app.translations.t('nb', 'handover.closed'));
    await shot('07-closed');
    expect(pageErrors).toEqual([]);
  });

  it('speaks English on request, shows contact requests, and logs out', async () => {
    await page.getByLabel(say('language')).selectOption('en');
    const en = (key: string) => app.translations.t('en', `console.${key}`);
    await page.getByRole('heading', { name: en('queue.heading') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByText(en('live.connected')).waitFor();
    await page.getByRole('button', { name: en('nav.callbacks') }).click();
    await page.getByRole('heading', { name: en('callbacks.heading') }).waitFor();
    await shot('08-callbacks-en');

    await page.reload();
    await page.getByRole('heading', { name: en('queue.heading') }).waitFor();
    await page.getByRole('button', { name: en('nav.logout') }).click();
    await page.getByRole('heading', { name: en('login.heading') }).waitFor();
    expect((await page.context().cookies()).some((cookie) => cookie.name.endsWith('mentor_session'))).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
