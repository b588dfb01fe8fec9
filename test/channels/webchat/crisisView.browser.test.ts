/**
 * The crisis view and the mentor's bubble in a real browser (Debian's Chromium through playwright-core),
 * through the real application (engine, dialogs, NLU, handover, SQLite) on two small phones: a crisis
 * message gets the crisis card, the view shows the card's start (not the end of the transcript), every
 * number in it is a `tel:` link, the header's emergency links are tap targets of at least 44 x 44 px,
 * and a mentor who accepts the handover writes as a person (name, initials, own colour), not as the
 * bot. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { openHandoverIdOf } from '../../handover/support/handoverApp.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { webchatInChromium } from '../../support/webchatBrowser.js';
import { CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS } from './chatPageKit.js';

const ARTIFACTS = screenshotsFolder();
const CRISIS_MESSAGE = 'Jeg orker ikke mer. Jeg vil ikke leve lenger.';

describeInChromium('the crisis card and the mentor bubble in Chromium', (chromium) => {
  const chat = webchatInChromium(chromium, { env: { OPENING_HOURS: 'always' }, mentor: 'kari' });
  const { t } = chat;

  async function openPhone(
    width: number,
    height: number,
  ): Promise<{ page: Page; problems: string[]; conversationId: string }> {
    const page = await chromium.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, locale: 'nb-NO' });
    page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
    const problems = collectPageProblems(page);
    // the Direct Line conversation the page starts is the engine's address of this visitor
    const started = page.waitForResponse(
      (response) => response.request().method() === 'POST' && response.url().endsWith('/v3/directline/conversations'),
    );
    await page.goto(`${chat.real.baseUrl}/`);
    const { conversationId } = (await (await started).json()) as { conversationId: string };
    await page.locator('.webchat__bubble__content', { hasText: t('dialog.welcome').slice(0, 30) }).waitFor();
    return { page, problems, conversationId };
  }

  /** where the card's top is, against the transcript's visible area */
  function cardTopInView(page: Page) {
    return page.evaluate(() => {
      const card = document.querySelector('.crisis-card');
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      if (!card || !scroller) return false;
      const cardTop = card.getBoundingClientRect().top;
      const view = scroller.getBoundingClientRect();
      return cardTop >= view.top - 1 && cardTop < view.top + view.height / 3;
    });
  }

  /** the conversation's handover: answering the consent question when the bot asks it */
  async function handoverOf(page: Page, conversationId: string): Promise<string> {
    const consentYes = page
      .getByRole('toolbar', { name: 'Svarforslag' })
      .getByRole('button', { name: t('handover.choice.consentYes') });
    let handoverId: string | undefined;
    await expect
      .poll(async () => {
        handoverId = await openHandoverIdOf(chat.real.app.store, conversationId, 'webchat');
        if (!handoverId && (await consentYes.count()) > 0) await consentYes.click();
        return handoverId;
      })
      .toBeDefined();
    return handoverId as string;
  }

  for (const [width, height] of [
    [360, 740],
    [320, 568],
  ] as const) {
    test(
      `a crisis message on a ${width} x ${height} phone: the card from its start, numbers to tap, a mentor as a person`,
      async () => {
        const { page, problems, conversationId } = await openPhone(width, height);

        for (const link of await page.locator('.help-now a').all()) {
          const box = await link.boundingBox();
          expect(box?.width).toBeGreaterThanOrEqual(44);
          expect(box?.height).toBeGreaterThanOrEqual(44);
          expect(await link.getAttribute('href')).toMatch(/^tel:\d+$/);
        }

        const input = page.getByRole('textbox', { name: 'Meldingen din' });
        await input.fill(CRISIS_MESSAGE);
        await input.press('Enter');
        const card = page.locator('.crisis-card');
        await card.waitFor();
        await expect(card.textContent()).resolves.toContain(t('crisis.alert').slice(0, 40));
        expect(await page.locator('.crisis-card').count()).toBe(1);

        // every number in the card is a tel: link: 113, 116 117, 116 123, 22 40 00 40, and the call buttons
        const cardText = ((await card.locator('.webchat__bubble__content').first().textContent()) ?? '').replace(
          /\s+/gu,
          ' ',
        );
        const numbersInText = cardText.match(/\b(?:11[023]|116 \d{3}|\d{2} \d{2} \d{2} \d{2})\b/gu) ?? [];
        expect(numbersInText.length).toBeGreaterThanOrEqual(4);
        const linkedNumbers = await card
          .locator('.webchat__bubble__content a[href^="tel:"]')
          .evaluateAll((links) => links.map((link) => link.textContent?.trim()));
        expect(linkedNumbers).toEqual(numbersInText);
        const hrefs = await card
          .locator('a[href^="tel:"]')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
        expect(hrefs).toEqual(expect.arrayContaining(['tel:113', 'tel:116117', 'tel:116123', 'tel:22400040']));
        for (const call of await card.locator('.crisis-card__calls a').all()) {
          const box = await call.boundingBox();
          expect(box?.height).toBeGreaterThanOrEqual(44);
        }

        // the start of the card stays in view, even when more messages follow it (Web Chat scrolls
        // there with an animation, whose frames come late on a loaded machine: wait for it to rest)
        await expect.poll(() => cardTopInView(page), { timeout: 5000 }).toBe(true);
        await page.screenshot({ path: `${ARTIFACTS}/webchat-crisis-${width}x${height}.png` });

        const handoverId = await handoverOf(page, conversationId);
        expect((await chat.mentor.request('POST', `/api/mentor/handovers/${handoverId}/accept`)).status).toBe(200);
        const words = 'Hei, jeg heter Kari og er mentor her. Jeg er glad du skrev. Er du trygg akkurat nå?';
        expect(
          (await chat.mentor.request('POST', `/api/mentor/handovers/${handoverId}/messages`, { text: words })).status,
        ).toBe(201);
        const mentorMessage = page.locator('.mentor-message', { hasText: words });
        await mentorMessage.waitFor();
        await expect(mentorMessage.locator('.mentor-message__name').textContent()).resolves.toBe('kari');
        await expect(mentorMessage.locator('.mentor-message__initials').textContent()).resolves.toBe('K');
        // the words as the mentor wrote them: no "Mentor:" prefix, and not in the bot's colours
        const bubbleText = await mentorMessage.locator('.webchat__bubble__content').textContent();
        expect(bubbleText?.trim()).toBe(words);
        const colours = await page.evaluate(() => {
          const background = (selector: string) => {
            const found = document.querySelector(selector);
            return found ? getComputedStyle(found).backgroundColor : null;
          };
          return {
            mentor: background('.mentor-message .webchat__bubble__content'),
            bot: background('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content'),
          };
        });
        expect(colours.mentor).not.toBeNull();
        expect(colours.mentor).not.toBe(colours.bot);
        await mentorMessage.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${ARTIFACTS}/webchat-mentor-${width}x${height}.png` });

        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(problems).toEqual([]);
        await page.close();
      },
      CHAT_PAGE_TEST_MS,
    );
  }
});
