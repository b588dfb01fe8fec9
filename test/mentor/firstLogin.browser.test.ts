/**
 * The first login with a one-time password, in Debian's Chromium on the real application: a
 * coordinator adds an account (the staff API hands out the one-time password); the new mentor logs in
 * with it, sees only "choose your own password" (the server refuses everything else), is told plainly
 * when the two passwords differ or are too short, and then is in the console at once, where the new
 * password works and the one-time one does not. After a reload the form asks for the one-time password
 * too. Screenshots go to test-artifacts/mentor-console/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loginMentor } from '../handover/support/handoverApp.js';
import { describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { mentorApiSetting } from '../support/mentorApi.js';

const SCREENSHOTS = screenshotsFolder('mentor-console');
const NEW_PASSWORD = 'mitt eget lange passord';
const STEP_TIMEOUT_MS = 90_000;

describeInChromium('the first login in Chromium, on the real app', (chromium) => {
  const setting = mentorApiSetting({ accounts: [{ username: 'liv', role: 'coordinator' }] });
  const liv = setting.client('liv');
  const pageErrors: string[] = [];

  const say = (key: string, params?: Record<string, string | number>) =>
    setting.app.translations.t('nb', `console.${key}`, params);

  async function freshPage(): Promise<Page> {
    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${setting.app.baseUrl}/mentor`);
    await page.getByLabel(say('login.username')).fill(username);
    await page.getByLabel(say('login.password')).fill(password);
    await page.getByRole('button', { name: say('login.submit') }).click();
  }

  async function oneTimePasswordFor(username: string): Promise<string> {
    const added = await liv.request('POST', '/api/staff/accounts', { username, role: 'mentor' });
    if (added.status !== 201) throw new Error(`adding ${username} answered ${added.status}`);
    return (added.data as { oneTimePassword: string }).oneTimePassword;
  }

  it(
    'a new mentor chooses a password at once and goes on to the console',
    async () => {
      const oneTime = await oneTimePasswordFor('per');
      const page = await freshPage();
      await logIn(page, 'per', oneTime);
      await page.getByRole('heading', { name: say('password.heading') }).waitFor();
      // the one-time password was just typed: not asked for again; nothing of the console is offered yet
      expect(await page.locator('#password-current').count()).toBe(0);
      expect(await page.getByRole('button', { name: say('nav.queue') }).count()).toBe(0);
      expect(await page.getByRole('button', { name: say('nav.logout') }).isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'first-login-password.png'), fullPage: true });

      await page.getByLabel(say('password.next')).fill(NEW_PASSWORD);
      await page.getByLabel(say('password.repeat')).fill('et annet passord');
      await page.getByRole('button', { name: say('password.submit') }).click();
      await page.getByText(say('password.mismatch')).waitFor();
      await page.getByLabel(say('password.next')).fill('kort');
      await page.getByLabel(say('password.repeat')).fill('kort');
      await page.getByRole('button', { name: say('password.submit') }).click();
      await page.getByText(say('password.tooShort')).waitFor();

      await page.getByLabel(say('password.next')).fill(NEW_PASSWORD);
      await page.getByLabel(say('password.repeat')).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: say('password.submit') }).click();
      await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
      await page.locator('#notice').getByText(say('password.done')).waitFor();
      await page.getByText(say('live.connected')).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'first-login-done.png'), fullPage: true });

      // the chosen password is the one that works now
      await expect(loginMentor(setting.app, 'per', oneTime)).rejects.toThrow(/401/);
      const per = await loginMentor(setting.app, 'per', NEW_PASSWORD);
      expect((await per.request('GET', '/api/mentor/handovers')).status).toBe(200);
      expect(await page.content()).not.toContain(oneTime);
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'after a reload the form asks for the one-time password too, and says when it is wrong',
    async () => {
      const oneTime = await oneTimePasswordFor('nina');
      const page = await freshPage();
      await logIn(page, 'nina', oneTime);
      await page.getByRole('heading', { name: say('password.heading') }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: say('password.heading') }).waitFor();
      await page.getByLabel(say('password.current')).fill('ikke engangspassordet');
      await page.getByLabel(say('password.next')).fill(NEW_PASSWORD);
      await page.getByLabel(say('password.repeat')).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: say('password.submit') }).click();
      await page.getByText(say('password.wrongCurrent')).waitFor();
      await page.getByLabel(say('password.current')).fill(oneTime);
      await page.getByRole('button', { name: say('password.submit') }).click();
      await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});
