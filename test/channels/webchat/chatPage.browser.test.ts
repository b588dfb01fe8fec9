/**
 * The chat page in a real browser (Debian's Chromium through playwright-core), unmodified Web Chat and
 * botframework-directlinejs against the local Direct Line: the welcome, a suggested action, a typed
 * question and its answer on a 360 px wide phone, and a mentor's reply pushed on the open stream, all
 * on the real application. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWebchatSender } from '../../../src/channels/webchat/webchatSender.js';
import { CHROMIUM_MISSING, CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../../support/chromium.js';
import { describeWith } from '../../support/needs.js';
import { startWebchatApp, storedConversation, type WebchatApp } from './webchatAppKit.js';

const ARTIFACTS = 'test-artifacts';
const chromium = chromiumAvailable('the chat page browser test') ? CHROMIUM_PATH : null;

describeWith(chromium, CHROMIUM_MISSING, 'the chat page in Chromium', () => {
  let browser: Browser;
  let real: WebchatApp;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    real = await startWebchatApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await real?.close();
  });

  /** a message bubble of the bot (Web Chat also keeps screen reader copies of the text) */
  function bubble(page: Page, text: string) {
    return page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', {
      hasText: text,
    });
  }

  function userBubble(page: Page, text: string) {
    return page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: text });
  }

  function suggestedAction(page: Page, label: string) {
    return page.getByRole('toolbar', { name: 'Svarforslag' }).getByRole('button', { name: label });
  }

  /** Web Chat scrolls smoothly to new messages; wait until it is at the end (short answers) */
  async function scrolledToEnd(page: Page): Promise<void> {
    await expect
      .poll(() =>
        page.evaluate(() => {
          const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
          return scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight : -1;
        }),
      )
      .toBeLessThan(2);
  }

  async function openPage(
    url: string,
    width: number,
    height: number,
  ): Promise<{ page: Page; problems: string[]; conversationIds: string[] }> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, locale: 'nb-NO' });
    // a hung step fails with the locator it waited for, well before the test's own timeout
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // the Direct Line conversation the page starts, as the server names it
    const conversationIds: string[] = [];
    page.on('response', async (response) => {
      if (response.request().method() !== 'POST' || !response.url().endsWith('/v3/directline/conversations')) return;
      const body = (await response.json()) as { conversationId: string };
      conversationIds.push(body.conversationId);
    });
    await page.goto(url);
    return { page, problems, conversationIds };
  }

  test('welcome, a suggested action, a typed question and its answer on a 360 px phone', async () => {
    const { t } = real.app.translations;
    const { page, problems } = await openPage(`${real.baseUrl}/`, 360, 740);
    await expect(page.title()).resolves.toBe('Chat');
    await bubble(page, t('nb', 'dialog.welcome').slice(0, 40)).waitFor();

    const openness = t('nb', 'dialog.choice.openness');
    await suggestedAction(page, openness).click();
    await userBubble(page, openness).waitFor();
    // the openness menu follows, with its own suggested actions
    await suggestedAction(page, t('nb', 'topics.openness.whether.label')).waitFor();

    const input = page.getByRole('textbox', { name: 'Meldingen din' });
    await input.fill('Hva er lønnstilskudd?');
    await input.press('Enter');
    await userBubble(page, 'Hva er lønnstilskudd?').waitFor();
    await bubble(page, t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 60)).waitFor();
    await bubble(page, t('nb', 'topics.measures.wage_subsidy.more').slice(0, 60)).waitFor();
    await expect(page.locator('#chat-status').textContent()).resolves.toBe('');
    expect(await page.getByText('Meldingen ble ikke sendt').count()).toBe(0);

    // a long answer is read from its start: Web Chat's auto-scroll stops with its top in view
    const answer = bubble(page, t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 60));
    await expect
      .poll(() =>
        answer.evaluate((element) => {
          const scroller = element.closest('.webchat__basic-transcript__scrollable');
          if (!scroller) return false;
          const top = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
          return top >= 0 && top < 40;
        }),
      )
      .toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/webchat-phone.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('in nynorsk on a desktop screen, with a mentor reply pushed on the open stream', async () => {
    const { t } = real.app.translations;
    const { page, problems, conversationIds } = await openPage(`${real.baseUrl}/?lang=nn`, 1280, 800);
    await bubble(page, t('nn', 'dialog.welcome').slice(0, 40)).waitFor();
    await page.getByRole('textbox', { name: 'Meldinga di' }).waitFor();
    await page.getByRole('link', { name: 'Ring 113 om livet er i fare' }).waitFor();
    await suggestedAction(page, t('nn', 'dialog.choice.openness')).waitFor();
    // Web Chat's own "connecting" notice goes once the stream is open
    await expect.poll(() => page.getByText('Koplar til').count()).toBe(0);
    await expect.poll(() => conversationIds.length).toBe(1);
    const stored = await storedConversation(real.app, conversationIds[0] ?? '');
    expect(stored?.locale).toBe('nn');
    if (!stored) throw new Error('the page started no stored conversation');

    const sender = createWebchatSender({ transport: real.app.webchatTransport, translations: real.app.translations });
    await sender.send(stored, 'nn', [{ kind: 'mentor', text: 'Hei, eg heiter Ola. Fortel gjerne litt meir.' }]);
    // a mentor without a name on the delivery is shown as "Mentor", a person beside the bot
    const mentorMessage = page.locator('.mentor-message', { hasText: 'Hei, eg heiter Ola. Fortel gjerne litt meir.' });
    await mentorMessage.waitFor();
    await expect(mentorMessage.locator('.mentor-message__name').textContent()).resolves.toBe('Mentor');
    expect(await page.getByText('Mentor: Hei').count()).toBe(0);
    await scrolledToEnd(page);
    await page.screenshot({ path: `${ARTIFACTS}/webchat-desktop-nn.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
