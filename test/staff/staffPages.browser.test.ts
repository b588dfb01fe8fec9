/**
 * The coordinators' pages in Debian's Chromium on the real application: the accounts page adds a
 * mentor and shows the one-time password once; disabling the account ends its session at once.
 * Screenshots go to test-artifacts/staff/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  loginMentor,
  MENTOR_PASSWORD,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';

const SCREENSHOTS = screenshotsFolder('staff');

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let page: Page;
const pageErrors: string[] = [];

const say = (key: string, params?: Record<string, string | number>) => app.translations.t('nb', `staff.${key}`, params);

describeInChromium('the staff pages, in Chromium', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl });
    await addMentor(app, 'liv', 'coordinator');
    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: { width: 1100, height: 760 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    collectPageProblems(page, pageErrors, 'csp refusals');
  });

  afterAll(async () => {
    await app?.close();
    await twilioApi?.close();
  });

  it('adds a mentor with a one-time password shown once; disabling ends her session', async () => {
    await page.goto(`${app.baseUrl}/mentor`);
    await page.fill('#username', 'liv');
    await page.fill('#password', MENTOR_PASSWORD);
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/mentor/login') && response.status() === 200),
      page.press('#password', 'Enter'),
    ]);
    await page.goto(`${app.baseUrl}/mentor/staff#accounts`);
    await page.getByRole('heading', { name: say('accounts.heading') }).waitFor();

    await page.getByLabel(say('accounts.username')).fill('per');
    await page.getByRole('button', { name: say('accounts.add'), exact: true }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    const oneTimePassword = (await shown.locator('code').textContent()) ?? '';
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await page.locator('tr[data-username="per"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts-one-time-password.png'), fullPage: true });

    const per = await loginMentor(app, 'per', oneTimePassword);
    expect((await per.request('GET', '/api/mentor/me')).status).toBe(200);
    await page
      .locator('tr[data-username="per"]')
      .getByRole('button', { name: say('accounts.disable') })
      .click();
    await page.getByText(say('accounts.wasDisabled', { username: 'per' })).waitFor();
    expect((await per.request('GET', '/api/mentor/me')).status).toBe(401);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('status');
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts-disabled.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('serves the staff page and the vendor scripts with the strict Content-Security-Policy', async () => {
    for (const path of [
      '/mentor/staff',
      '/mentor/vendor/htm-preact.mjs',
      '/mentor/vendor/i18next.mjs',
      '/mentor/staff/accountsView.js',
    ]) {
      const response = await fetch(`${app.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("default-src 'none'");
      expect(policy, path).not.toContain('unsafe-inline');
    }
  });
});
