/**
 * The chat page in a real browser (Debian's Chromium through playwright-core), unmodified Web Chat and
 * botframework-directlinejs against the local Direct Line: the welcome, a suggested action, a typed
 * question and its answer on a 360 px wide phone, and a mentor's reply pushed on the open stream, all
 * on the real application. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWebchatSender } from '../../../src/channels/webchat/webchatSender.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { botBubble, CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS, startedConversations, userBubble } from './chatPageKit.js';
import { startWebchatApp, storedConversation, type WebchatApp } from './webchatAppKit.js';

const ARTIFACTS = screenshotsFolder();

describeInChromium('the chat page in Chromium', (chromium) => {
  let real: WebchatApp;

  beforeAll(async () => {
    real = await startWebchatApp();
  });

  afterAll(async () => {
    await real?.close();
  });

  function suggestedAction(page: Page, label: string) {
    return page.getByRole('toolbar', { name: 'Svarforslag' }).getByRole('button', { name: label });
  }

  /** Web Chat scrolls smoothly to new messages; wait until it is at the end (short answers) */
  async function scrolledToEnd(page: Page): Promise<void> {
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
            return scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight : -1;
          }),
        // the animation's frames come late on a loaded machine
        { timeout: 5000 },
      )
      .toBeLessThan(2);
  }

  async function openPage(
    url: string,
    width: number,
    height: number,
  ): Promise<{ page: Page; problems: string[]; conversationIds: string[] }> {
    const page = await chromium.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, locale: 'nb-NO' });
    page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
    const problems = collectPageProblems(page);
    const conversationIds = startedConversations(page);
    await page.goto(url);
    return { page, problems, conversationIds };
  }

  test(
    'welcome, a suggested action, a typed question and its answer on a 360 px phone',
    async () => {
      const { t } = real.app.translations;
      const { page, problems } = await openPage(`${real.baseUrl}/`, 360, 740);
      await expect(page.title()).resolves.toBe('Chat');
      await botBubble(page, t('nb', 'dialog.welcome').slice(0, 40)).waitFor();

      const openness = t('nb', 'dialog.choice.openness');
      await suggestedAction(page, openness).click();
      await userBubble(page, openness).waitFor();
      // the openness menu follows, with its own suggested actions
      await suggestedAction(page, t('nb', 'topics.openness.whether.label')).waitFor();

      const input = page.getByRole('textbox', { name: 'Meldingen din' });
      await input.fill('Hva er lønnstilskudd?');
      await input.press('Enter');
      await userBubble(page, 'Hva er lønnstilskudd?').waitFor();
      await botBubble(page, t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 60)).waitFor();
      await botBubble(page, t('nb', 'topics.measures.wage_subsidy.more').slice(0, 60)).waitFor();
      await expect(page.locator('#chat-status').textContent()).resolves.toBe('');
      expect(await page.getByText('Meldingen ble ikke sendt').count()).toBe(0);

      // a long answer is read from its start: Web Chat's auto-scroll stops with its top in view (it
      // scrolls there with an animation, whose frames come late on a loaded machine: wait for it to
      // rest). The whole view is polled, so that a failure says where the answer came to rest.
      const answer = botBubble(page, t('nb', 'topics.measures.wage_subsidy.answer').slice(0, 60));
      await expect
        .poll(
          () =>
            answer.evaluate((element) => {
              const scroller = element.closest('.webchat__basic-transcript__scrollable');
              if (!scroller) return null;
              const { scrollTop, scrollHeight, clientHeight } = scroller;
              const answerTop = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
              return {
                answerTop,
                answerHeight: element.getBoundingClientRect().height,
                scrollTop,
                scrollHeight,
                clientHeight,
              };
            }),
          { timeout: 5000 },
        )
        .toSatisfy((view) => view !== null && view.answerTop >= 0 && view.answerTop < 40);
      await page.screenshot({ path: `${ARTIFACTS}/webchat-phone.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // the first screen is the conversation: the send box at its bottom, the choices and the footer
      // below it, so that the transcript has most of a phone's height
      const sendBox = await input.boundingBox();
      expect(sendBox).not.toBeNull();
      expect((sendBox?.y ?? Number.POSITIVE_INFINITY) + (sendBox?.height ?? 0)).toBeLessThanOrEqual(740);
      expect((await page.locator('.site-footer').boundingBox())?.y).toBeGreaterThanOrEqual(740);
      expect(
        await answer.evaluate((element) => element.closest('.webchat__basic-transcript__scrollable')?.clientHeight),
      ).toBeGreaterThan(250);
      expect(problems).toEqual([]);
      await page.close();
    },
    CHAT_PAGE_TEST_MS,
  );

  test(
    'in nynorsk on a desktop screen, with a mentor reply pushed on the open stream',
    async () => {
      const { t } = real.app.translations;
      const { page, problems, conversationIds } = await openPage(`${real.baseUrl}/?lang=nn`, 1280, 800);
      await botBubble(page, t('nn', 'dialog.welcome').slice(0, 40)).waitFor();
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
      const mentorMessage = page.locator('.mentor-message', {
        hasText: 'Hei, eg heiter Ola. Fortel gjerne litt meir.',
      });
      await mentorMessage.waitFor();
      await expect(mentorMessage.locator('.mentor-message__name').textContent()).resolves.toBe('Mentor');
      expect(await page.getByText('Mentor: Hei').count()).toBe(0);
      await scrolledToEnd(page);
      await page.screenshot({ path: `${ARTIFACTS}/webchat-desktop-nn.png` });
      expect(problems).toEqual([]);
      await page.close();
    },
    CHAT_PAGE_TEST_MS,
  );
});
