/**
 * The lifecycle of a Chromium test with one staff page on the real application, called in
 * describeInChromium's body: a fake Twilio API, the app with the given opening hours (handoverApp.ts),
 * one account, and one browser page in nb-NO whose errors (and CSP refusals) are collected; all closed
 * after the block. And the console's login form, filled in as a mentor would.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { addMentor, type HandoverTestApp, MENTOR_PASSWORD, startHandoverApp } from '../handover/support/handoverApp.js';
import { type ChromiumBlock, collectPageProblems } from './chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from './fakeTwilioApi.js';
import { TEST_TWILIO } from './testApp.js';

export interface StaffPageInChromium {
  /** from beforeAll on */
  readonly app: HandoverTestApp;
  readonly twilioApi: FakeTwilioApi;
  readonly page: Page;
  /** the page's errors and CSP refusals, in order */
  readonly pageErrors: string[];
}

export function staffPageInChromium(
  chromium: ChromiumBlock,
  options: {
    /** OPENING_HOURS */
    openingHours: string;
    account: { username: string; role?: 'mentor' | 'coordinator' };
    viewport: { width: number; height: number };
    /** the page's default timeout for a step */
    stepTimeoutMs: number;
  },
): StaffPageInChromium {
  let twilioApi: FakeTwilioApi | undefined;
  let app: HandoverTestApp | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, openingHours: options.openingHours });
    await addMentor(app, options.account.username, options.account.role);
    const context = await chromium.browser.newContext({ locale: 'nb-NO', viewport: options.viewport });
    page = await context.newPage();
    page.setDefaultTimeout(options.stepTimeoutMs);
    collectPageProblems(page, pageErrors, 'csp refusals');
  });

  afterAll(async () => {
    await app?.close();
    await twilioApi?.close();
  });

  function started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('the app and its page start in beforeAll: use them in a hook or a test');
    return value;
  }

  return {
    get app() {
      return started(app);
    },
    get twilioApi() {
      return started(twilioApi);
    },
    get page() {
      return started(page);
    },
    pageErrors,
  };
}

/** logs `username` in at the console (nb) and waits for the queue and its live connection */
export async function logInAtConsole(
  page: Page,
  app: Pick<HandoverTestApp, 'baseUrl' | 'translations'>,
  username: string,
): Promise<void> {
  const say = (key: string) => app.translations.t('nb', `console.${key}`);
  await page.goto(`${app.baseUrl}/mentor`);
  await page.getByLabel(say('login.username')).fill(username);
  await page.getByLabel(say('login.password')).fill(MENTOR_PASSWORD);
  await page.getByRole('button', { name: say('login.submit') }).click();
  await page.getByRole('heading', { name: say('queue.heading') }).waitFor();
  await page.getByText(say('live.connected')).waitFor();
}
