/**
 * Coming back to the conversation on this device, in a real browser (Debian's Chromium through
 * playwright-core) on the real application: only when the person ticks "remember", a reload opens
 * the same stored conversation with its history, and a mentor's reply after the reload reaches the
 * page; without it, or after "forget", a reload starts afresh. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { createWebchatSender } from '../../../src/channels/webchat/webchatSender.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { RESUME_KEY, webchatInChromium } from '../../support/webchatBrowser.js';
import { botBubble, CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS, startedConversations, userBubble } from './chatPageKit.js';
import { storedConversation, userMessages } from './webchatAppKit.js';

const ARTIFACTS = screenshotsFolder();

describeInChromium('coming back to the conversation in Chromium', (chromium) => {
  const chat = webchatInChromium(chromium);
  const { t } = chat;

  /** one browser profile (its localStorage lives across reloads), one phone-sized page */
  async function openPage(): Promise<{ page: Page; problems: string[]; conversationIds: string[] }> {
    const context = await chat.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
    const problems = collectPageProblems(page);
    const conversationIds = startedConversations(page);
    await page.goto(`${chat.real.baseUrl}/`);
    return { page, problems, conversationIds };
  }

  async function ask(page: Page, text: string): Promise<void> {
    const input = page.getByRole('textbox', { name: 'Meldingen din' });
    await input.fill(text);
    await input.press('Enter');
    await userBubble(page, text).waitFor();
  }

  const storedResume = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), RESUME_KEY);
  const rememberBox = (page: Page) => page.getByRole('checkbox', { name: t('webchat.page.remember') });

  test(
    'ticked: a reload continues the same conversation, with its history and the mentor after it',
    async () => {
      const { page, problems, conversationIds } = await openPage();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await ask(page, 'Hva er lønnstilskudd?');
      await botBubble(page, t('topics.measures.wage_subsidy.answer').slice(0, 60)).waitFor();
      expect(await rememberBox(page).isChecked()).toBe(false);
      await expect(page.getByText(t('webchat.page.rememberHint')).isVisible()).resolves.toBe(true);
      await rememberBox(page).check();
      await expect.poll(() => storedResume(page)).not.toBeNull();

      await page.reload();
      await page.getByText(t('webchat.page.resumed')).waitFor();
      await userBubble(page, 'Hva er lønnstilskudd?').waitFor();
      await botBubble(page, t('topics.measures.wage_subsidy.answer').slice(0, 60)).waitFor();
      // one welcome: the one from before, replayed
      await expect.poll(() => botBubble(page, t('dialog.welcome').slice(0, 40)).count()).toBe(1);
      expect(await rememberBox(page).isChecked()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expect.poll(() => conversationIds.length).toBe(2);
      expect(conversationIds[1]).toBe(conversationIds[0]);

      const stored = await storedConversation(chat.real.app, conversationIds[0] ?? '');
      if (!stored) throw new Error('the page started no stored conversation');
      const sender = createWebchatSender({
        transport: chat.real.app.webchatTransport,
        translations: chat.real.app.translations,
      });
      await sender.send(stored, 'nb', [{ kind: 'mentor', text: 'Hei igjen, jeg er Kari.', mentorName: 'Kari' }]);
      await page.locator('.mentor-message', { hasText: 'Hei igjen, jeg er Kari.' }).waitFor();

      await ask(page, 'Takk, det hjalp');
      await expect
        .poll(() => userMessages(chat.real.app, conversationIds[0] ?? ''))
        .toEqual(['Hva er lønnstilskudd?', 'Takk, det hjalp']);
      await page.screenshot({ path: `${ARTIFACTS}/webchat-resumed.png` });

      // forget: the device no longer holds it, and the next reload starts afresh
      await page.getByRole('button', { name: t('webchat.page.forget') }).click();
      await expect.poll(() => storedResume(page)).toBeNull();
      await page.getByText(t('webchat.page.forgotten')).waitFor();
      expect(await rememberBox(page).isChecked()).toBe(false);
      await page.reload();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await expect.poll(() => conversationIds.length).toBe(3);
      expect(conversationIds[2]).not.toBe(conversationIds[0]);
      expect(await userBubble(page, 'Hva er lønnstilskudd?').count()).toBe(0);
      expect(problems).toEqual([]);
    },
    CHAT_PAGE_TEST_MS,
  );

  test(
    'not ticked: nothing is kept, and a reload starts a new conversation',
    async () => {
      const { page, problems, conversationIds } = await openPage();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await ask(page, 'Hva er lønnstilskudd?');
      await botBubble(page, t('topics.measures.wage_subsidy.answer').slice(0, 60)).waitFor();
      expect(await storedResume(page)).toBeNull();

      await page.reload();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await expect.poll(() => conversationIds.length).toBe(2);
      expect(conversationIds[1]).not.toBe(conversationIds[0]);
      expect(await userBubble(page, 'Hva er lønnstilskudd?').count()).toBe(0);
      expect(await rememberBox(page).isChecked()).toBe(false);
      expect(await storedResume(page)).toBeNull();
      expect(problems).toEqual([]);
    },
    CHAT_PAGE_TEST_MS,
  );

  test(
    'a remembered conversation that was deleted: a new one, with a kind line',
    async () => {
      const { page, problems, conversationIds } = await openPage();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await rememberBox(page).check();
      await expect.poll(() => storedResume(page)).not.toBeNull();
      const stored = await storedConversation(chat.real.app, conversationIds[0] ?? '');
      if (!stored) throw new Error('the page started no stored conversation');
      // what SLETT and retention do
      await chat.real.app.store.transaction(null, (uow) => uow.conversations.delete(stored.id));

      await page.reload();
      await page.getByText(t('webchat.page.previousGone')).waitFor();
      await botBubble(page, t('dialog.welcome').slice(0, 40)).waitFor();
      await expect.poll(() => conversationIds.length).toBe(2);
      expect(conversationIds[1]).not.toBe(conversationIds[0]);
      expect(await storedResume(page)).toBeNull();
      expect(problems).toEqual([]);
    },
    CHAT_PAGE_TEST_MS,
  );
});
