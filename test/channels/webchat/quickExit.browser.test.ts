/**
 * Leave quickly, in a real browser (Debian's Chromium through playwright-core) on the real
 * application: the button and Esc pressed twice close the chat, leave nothing in the browser's
 * storage (not the remembered conversation either), and replace the chat in the history with the
 * neutral page, so that the back button goes to where the person was before, not to the chat.
 * The neutral site is answered by the test itself (the browser never leaves this machine).
 * Screenshots at 360 x 740 go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEFAULT_QUICK_EXIT_URL } from '../../../src/config.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { RESUME_KEY, webchatInChromium } from '../../support/webchatBrowser.js';
import { CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS } from './chatPageKit.js';

const ARTIFACTS = screenshotsFolder();
const NEUTRAL_TITLE = 'Været (the test’s stand-in)';

describeInChromium('leaving the chat quickly in Chromium', (chromium) => {
  const chat = webchatInChromium(chromium);
  const { t } = chat;

  /**
   * A phone-sized page that was somewhere else first (the privacy page), then opened the chat,
   * ticked "remember" and had something in session storage: all that the exit must clear.
   */
  async function chatWithHistory(): Promise<{ page: Page; problems: string[] }> {
    const context = await chat.newContext();
    await context.route(`${DEFAULT_QUICK_EXIT_URL}**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>${NEUTRAL_TITLE}</title><p>Sol og lett bris.</p>`,
      }),
    );
    const page = await context.newPage();
    page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
    const problems = collectPageProblems(page);
    await page.goto(`${chat.real.baseUrl}/personvern`);
    await page.goto(`${chat.real.baseUrl}/`, { waitUntil: 'commit' });
    // shown once the page is connected
    const remember = page.getByRole('checkbox', { name: t('webchat.page.remember') });
    await remember.waitFor();
    await expect(page.title()).resolves.toBe('Chat');
    await remember.check();
    await expect.poll(() => page.evaluate((key) => window.localStorage.getItem(key), RESUME_KEY)).not.toBeNull();
    await page.evaluate(() => window.sessionStorage.setItem('draft', 'noe jeg skrev'));
    return { page, problems };
  }

  /** after the exit: the neutral page, and back goes past the chat to the page before it */
  async function expectLeftWithoutTrace(page: Page): Promise<void> {
    await page.waitForURL(`${DEFAULT_QUICK_EXIT_URL}**`);
    await expect(page.title()).resolves.toBe(NEUTRAL_TITLE);
    await page.evaluate(() => window.history.back());
    await page.waitForURL(`${chat.real.baseUrl}/personvern`);
    expect(page.url()).not.toBe(`${chat.real.baseUrl}/`);
    expect(await page.locator('#webchat').count()).toBe(0);
    const stored = await page.evaluate(() => ({
      local: window.localStorage.length,
      session: window.sessionStorage.length,
    }));
    expect(stored).toEqual({ local: 0, session: 0 });
    // forward again is the neutral page, never the chat
    await page.evaluate(() => window.history.forward());
    await page.waitForURL(`${DEFAULT_QUICK_EXIT_URL}**`);
  }

  test(
    'the button: clearly visible at the top, in the page language, and it leaves no trace',
    async () => {
      const { page, problems } = await chatWithHistory();
      const button = page.getByRole('link', { name: t('webchat.page.quickExit') });
      await expect(button.isVisible()).resolves.toBe(true);
      const box = await button.boundingBox();
      expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(80);
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: `${ARTIFACTS}/webchat-quick-exit-360.png` });
      // a phone's page scrolls to the choices below the chat: the button stays at the top
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
      const scrolledBox = await button.boundingBox();
      expect(scrolledBox?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect(scrolledBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(80);
      await button.click();
      await expectLeftWithoutTrace(page);
      expect(problems).toEqual([]);
    },
    CHAT_PAGE_TEST_MS,
  );

  test(
    'Esc twice, even while typing in the send box, leaves the same way',
    async () => {
      const { page, problems } = await chatWithHistory();
      const input = page.getByRole('textbox', { name: 'Meldingen din' });
      await input.fill('Jeg sitter på jobben og');
      await input.press('Escape');
      await input.press('Escape');
      await expectLeftWithoutTrace(page);
      expect(problems).toEqual([]);
    },
    CHAT_PAGE_TEST_MS,
  );

  test(
    'in English the button says so',
    async () => {
      const context = await chat.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${chat.real.baseUrl}/?lang=en`);
      const button = page.getByRole('link', { name: chat.real.app.translations.t('en', 'webchat.page.quickExit') });
      await expect(button.isVisible()).resolves.toBe(true);
      await expect(button.getAttribute('href')).resolves.toBe(DEFAULT_QUICK_EXIT_URL);
    },
    CHAT_PAGE_TEST_MS,
  );
});
