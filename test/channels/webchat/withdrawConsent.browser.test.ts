/**
 * Taking consent back from the chat page (issue 14), in Debian's Chromium on the real application
 * and its local Direct Line: a person asks the bot something, asks for a mentor and lets them read
 * the conversation; a mentor takes over (the real mentor API) and they write to each other. Then the
 * person presses "Ikke del samtalen med mentoren", sees the bot confirm it, and the mentor API
 * answers only what was written after the take-over (the test clock moves a second between the
 * steps: what counts is when a message was written against when the mentor took over). Screenshots
 * go to test-artifacts/.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openHandoverIdOf } from '../../handover/support/handoverApp.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { webchatInChromium } from '../../support/webchatBrowser.js';
import { botBubble, CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS, startedConversations, userBubble } from './chatPageKit.js';

const ARTIFACTS = screenshotsFolder();
const QUESTION = 'Hva er lønnstilskudd?';

interface HandoverDetail {
  consent: boolean;
  consentWithdrawnAt: string | null;
  messages: Array<{ direction: string; text: string }>;
}

describeInChromium('taking consent back from the chat page in Chromium', (chromium) => {
  const chat = webchatInChromium(chromium, { env: { OPENING_HOURS: 'always' }, mentor: 'kari' });
  const { t } = chat;
  /** the test clock stands still unless moved: the take-over is a second after the bot conversation */
  const later = () => chat.real.app.clock.advance(1000);

  async function detail(handoverId: string): Promise<HandoverDetail> {
    const response = await chat.mentor.request('GET', `/api/mentor/handovers/${handoverId}`);
    expect(response.status).toBe(200);
    return response.data as HandoverDetail;
  }

  test(
    'after a mentor took over, the button takes it back: confirmed, and the mentor keeps only what came after',
    async () => {
      const page = await chromium.browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' });
      page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
      const problems = collectPageProblems(page);
      const conversationIds = startedConversations(page);
      await page.goto(`${chat.real.baseUrl}/`);
      await botBubble(page, t('dialog.welcome').slice(0, 30)).waitFor();
      const input = page.getByRole('textbox', { name: 'Meldingen din' });
      const suggestion = (label: string) =>
        page.getByRole('toolbar', { name: 'Svarforslag' }).getByRole('button', { name: label });

      await input.fill(QUESTION);
      await input.press('Enter');
      await userBubble(page, QUESTION).waitFor();
      await input.fill(t('dialog.choice.mentor'));
      await input.press('Enter');
      await suggestion(t('handover.choice.consentYes')).click();
      await expect.poll(() => conversationIds.length).toBe(1);
      const address = conversationIds[0] ?? '';
      await expect.poll(() => openHandoverIdOf(chat.real.app.store, address, 'webchat')).toBeDefined();
      const handoverId = (await openHandoverIdOf(chat.real.app.store, address, 'webchat')) ?? '';
      // with consent, the mentor reads the bot conversation too
      expect((await detail(handoverId)).messages.map((message) => message.text)).toContain(QUESTION);

      later();
      expect((await chat.mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
      await botBubble(page, t('handover.accepted').slice(0, 30)).waitFor();
      const greeting = 'Hei, Kari her. Jeg leste det du skrev.';
      expect(
        (await chat.mentor.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: greeting })).status,
      ).toBe(201);
      await page.locator('.mentor-message', { hasText: greeting }).waitFor();
      later();
      await input.fill('Hei Kari');
      await input.press('Enter');
      await expect
        .poll(async () => (await detail(handoverId)).messages.map((message) => message.text))
        .toContain('Hei Kari');

      const withdraw = page.getByRole('button', { name: t('webchat.page.withdrawConsent') });
      await expect(withdraw.isVisible()).resolves.toBe(true);
      later();
      await withdraw.click();
      await botBubble(page, t('handover.consent.withdrawnActive').slice(0, 40)).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'webchat-consent-withdrawn-360.png') });

      // the answer reaches the page during the turn; the turn's writes are committed right after
      await expect.poll(async () => (await detail(handoverId)).consentWithdrawnAt).not.toBeNull();
      const after = await detail(handoverId);
      const texts = after.messages.map((message) => message.text);
      expect(texts, texts.join(' | ')).not.toContain(QUESTION);
      expect(texts).not.toContain(t('dialog.choice.mentor'));
      expect(texts.slice(0, 3)).toEqual([t('handover.accepted'), greeting, 'Hei Kari']);
      // the button's own words, written after the take-over, are the person's to share
      expect(texts.slice(3)).toEqual(expect.arrayContaining([t('webchat.page.withdrawMessage')]));
      expect(problems).toEqual([]);
      await page.close();
    },
    CHAT_PAGE_TEST_MS,
  );
});
