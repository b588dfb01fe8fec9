/**
 * The opening hours page in Debian's Chromium on the real application: a coordinator sees that
 * OPENING_HOURS is in use, saves other weekly hours and a closed day (a wrong time first, told beside
 * its field), reloads and finds them with who saved them; the bot's hours answer over a signed SMS
 * follows the closed day at once, and the audit log shows the save. Screenshots go to
 * test-artifacts/staff/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  MENTOR_PASSWORD,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';

const SCREENSHOTS = screenshotsFolder('staff');
/** the test clock's day: Tuesday 24 November 2026, 10:00 in Oslo, inside the weekly hours */
const TODAY = '2026-11-24';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let page: Page;
const pageErrors: string[] = [];

const say = (key: string, params?: Record<string, string | number>) =>
  app.translations.t('nb', `staff.hours.${key}`, params);

describeInChromium('the opening hours page, in Chromium', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: 'mon-fri 09:00-15:00' });
    await addMentor(app, 'liv', 'coordinator');
    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await app?.close();
    await twilioApi?.close();
  });

  const day = (name: string) => page.locator(`.hours-day[data-day="${name}"]`);
  const time = (field: string) => page.locator(`input[name="${field}"]`);

  it('saves weekly hours and a closed day, shows them after a reload, and the bot says them', async () => {
    await page.goto(`${app.baseUrl}/mentor`);
    await page.fill('#username', 'liv');
    await page.fill('#password', MENTOR_PASSWORD);
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/mentor/login') && response.status() === 200),
      page.press('#password', 'Enter'),
    ]);
    await page.goto(`${app.baseUrl}/mentor/staff`);
    await page.getByRole('link', { name: app.translations.t('nb', 'staff.nav.hours') }).click();
    await page.getByRole('heading', { name: say('title') }).waitFor();
    await expect.poll(() => page.locator('#hours-state').textContent()).toBe(say('stateDefault'));
    expect(await time('weekly.mon.0.from').inputValue()).toBe('09:00');
    expect(await day('sat').textContent()).toContain(say('closed'));

    // Thursday until 18:00 (with a wrong time first), Saturday 10-14, today closed for a staff day
    await time('weekly.thu.0.to').fill('18.00');
    await day('sat')
      .getByRole('button', { name: say('addSpanTo', { what: 'Lørdag' }) })
      .click();
    await time('weekly.sat.0.from').fill('10:00');
    await time('weekly.sat.0.to').fill('14:00');
    await page.getByRole('button', { name: say('addException') }).click();
    await page.getByLabel(say('date')).fill(TODAY);
    await page.getByLabel(say('note')).fill('Fagdag');
    await page.getByRole('button', { name: say('save') }).click();

    await page.getByText(say('invalid')).waitFor();
    const problem = page.locator('#problem-weekly-thu-0-to');
    expect(await problem.textContent()).toContain(say('problems.time'));
    expect(await time('weekly.thu.0.to').getAttribute('aria-invalid')).toBe('true');
    expect(await time('weekly.thu.0.to').getAttribute('aria-describedby')).toBe('problem-weekly-thu-0-to');
    await page.screenshot({ path: join(SCREENSHOTS, 'hours-problem-beside-field.png'), fullPage: true });

    await time('weekly.thu.0.to').fill('18:00');
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/staff/hours') && response.status() === 200),
      page.getByRole('button', { name: say('save') }).click(),
    ]);
    await page.getByText(say('saved')).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('hours-status');
    expect(await page.locator('.field-problem').count()).toBe(0);

    await page.reload();
    await page.getByRole('heading', { name: say('title') }).waitFor();
    // saved at the test clock's 10:00 in Oslo, whatever the machine's time zone
    await expect.poll(() => page.locator('#hours-state').textContent()).toContain('Lagret av liv 24. november 2026');
    expect(await page.locator('#hours-state').textContent()).toContain('10:00');
    expect(await time('weekly.thu.0.to').inputValue()).toBe('18:00');
    expect(await time('weekly.sat.0.from').inputValue()).toBe('10:00');
    expect(await time('weekly.sat.0.to').inputValue()).toBe('14:00');
    expect(await page.getByLabel(say('date')).inputValue()).toBe(TODAY);
    expect(await page.getByLabel(say('kind')).inputValue()).toBe('closed');
    expect(await page.getByLabel(say('note')).inputValue()).toBe('Fagdag');
    await page.screenshot({ path: join(SCREENSHOTS, 'hours-saved.png'), fullPage: true });

    // the bot follows the saved hours at once: closed today, back tomorrow; the reason is never said
    const answer = (await smsUser(app, '+4790000401')('Når har dere åpent?')).join('\n');
    expect(answer).toContain('torsdag kl. 09.00-18.00');
    expect(answer).toContain('lørdag kl. 10.00-14.00');
    expect(answer).toContain('(unntak: stengt tirsdag 24. november)');
    expect(answer).toContain('Akkurat nå er de ikke på jobb');
    expect(answer).toContain('tilbake i morgen, onsdag, kl. 09.00');
    expect(answer).not.toContain('Fagdag');

    await page.getByRole('link', { name: app.translations.t('nb', 'staff.nav.audit') }).click();
    const row = page.locator('#audit tr', { hasText: app.translations.t('nb', 'staff.audit.actions.hours.change') });
    await row.waitFor();
    expect(await row.textContent()).toContain('liv');
    expect(await row.textContent()).toContain(app.translations.t('nb', 'staff.audit.targets.hours'));
    expect(pageErrors).toEqual([]);
  });
});
