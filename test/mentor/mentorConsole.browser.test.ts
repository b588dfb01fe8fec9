/**
 * The console shell in Debian's Chromium: it loads under its Content-Security-Policy, logs in, shows
 * the queue, switches language and logs out. The handover routes belong to the app and are absent
 * here (404), which the page must survive calmly. Screenshots go to test-artifacts/mentor-console/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/createLogger.js';
import { createLoginRateLimiter } from '../../src/mentor/loginRateLimiter.js';
import { createMentorAccounts } from '../../src/mentor/mentorAccounts.js';
import { registerMentorAuthRoutes } from '../../src/mentor/mentorAuthRoutes.js';
import { registerMentorConsolePage } from '../../src/mentor/mentorConsolePage.js';
import { createMentorSessions } from '../../src/mentor/mentorSessions.js';
import { CHEAP_SCRYPT, type TempStore, tempSqliteStore } from './mentorTestKit.js';

const CHROMIUM = '/usr/bin/chromium';
const chromiumInstalled = existsSync(CHROMIUM);
if (!chromiumInstalled) {
  const reason = `${CHROMIUM} not found: install Debian's chromium to run the mentor console browser test`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true)`);
  console.warn(`skipping: ${reason}`);
}

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/mentor-console');
const PASSWORD = 'et godt langt passord';

let temp: TempStore;
let server: restify.Server;
let baseUrl: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describe.runIf(chromiumInstalled)('mentor console in Chromium', () => {
  beforeAll(async () => {
    temp = await tempSqliteStore();
    const clock = () => new Date();
    await createMentorAccounts({ store: temp.store, clock, scryptParams: CHEAP_SCRYPT }).add('kari', PASSWORD);
    server = restify.createServer({ handleUncaughtExceptions: false });
    server.use(restify.plugins.queryParser({ mapParams: false }));
    server.use(restify.plugins.bodyParser({ mapParams: false }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sessions = createMentorSessions({ store: temp.store, clock, rateLimiter: createLoginRateLimiter(clock) });
    registerMentorAuthRoutes(server, { sessions, publicBaseUrl: baseUrl, clock, logger: createLogger('silent') });
    registerMentorConsolePage(server, { defaultLocale: 'nb' });

    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1000, height: 760 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await temp?.dispose();
  });

  it('logs in, shows the queue, speaks English on request and logs out', async () => {
    await page.goto(`${baseUrl}/mentor`);
    await expect.poll(() => page.title()).toBe('Mentorkonsoll – Arbeidslivstelefonen');
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '01-login.png') });

    await page.getByLabel('Brukernavn').fill('kari');
    await page.getByLabel('Passord').fill('feil passord');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Brukernavnet eller passordet stemmer ikke.').waitFor();

    await page.getByLabel('Passord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { name: 'Venter på en mentor' }).waitFor();
    expect(await page.getByText('Innlogget: kari').isVisible()).toBe(true);
    expect(await page.getByText('Ingen venter akkurat nå.').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, '02-queue.png') });

    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'mentor_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Waiting for a mentor' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Contact requests' }).click();
    await page.getByRole('heading', { name: 'Contact requests' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '03-callbacks-en.png') });

    await page.reload();
    await page.getByRole('heading', { name: 'Waiting for a mentor' }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect((await page.context().cookies()).some((cookie) => cookie.name === 'mentor_session')).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
