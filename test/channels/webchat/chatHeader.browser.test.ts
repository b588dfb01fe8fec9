/**
 * The chat page's header on small phones, in Debian's Chromium on the real application: the name
 * "Arbeidslivstelefonen" stays whole on one line, or breaks only where a word may (a space, a hyphen
 * or its soft hyphen between "Arbeidslivs" and "telefonen", which then shows as a hyphen); nothing
 * reaches past the screen's edge; the quick exit and the emergency links are tap targets of at least
 * 44 x 44 px (WCAG 2.5.5). Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium, screenshotsFolder } from '../../support/chromium.js';
import { CHAT_PAGE_STEP_MS, CHAT_PAGE_TEST_MS } from './chatPageKit.js';
import { startWebchatApp, type WebchatApp } from './webchatAppKit.js';

const ARTIFACTS = screenshotsFolder();
const PHONES = [
  { width: 360, height: 740 },
  { width: 320, height: 568 },
];

/** where the heading's text goes to a new line: the characters before each break, and the lines */
function headingLines(page: Page): Promise<{ lines: string[]; before: string[] }> {
  return page.evaluate(() => {
    const heading = document.querySelector('.site-header h1');
    const text = heading?.firstChild;
    if (!heading || !text || text.nodeType !== Node.TEXT_NODE) throw new Error('the heading is not one text');
    const content = text.textContent ?? '';
    const lines: string[] = [];
    const before: string[] = [];
    let lineTop: number | undefined;
    let line = '';
    for (let index = 0; index < content.length; index += 1) {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      const rect = [...range.getClientRects()].filter((box) => box.width > 0).at(-1);
      // a soft hyphen that does not break has no box of its own
      if (!rect) continue;
      if (lineTop !== undefined && rect.top > lineTop + 1) {
        lines.push(line);
        before.push(content[index - 1] ?? '');
        line = '';
      }
      lineTop = rect.top;
      line += content[index];
    }
    lines.push(line);
    return { lines, before };
  });
}

/**
 * every element of the page that reaches past the right or left edge of the screen. Not counted: Web
 * Chat's live region, which copies each new activity for screen readers into a 1 px box that hides
 * its overflow (never seen), and drops the copy a few seconds later; its suggested actions reach past
 * the edge only while a check happens to run soon after an answer.
 */
function outsideTheScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('.layout *')]
      .filter((element) => {
        if (element.closest('.webchat__live-region-transcript')) return false;
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    if (document.documentElement.scrollWidth > width)
      out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

describeInChromium('the chat header on small phones in Chromium', (chromium) => {
  let real: WebchatApp;

  beforeAll(async () => {
    real = await startWebchatApp();
  });

  afterAll(async () => {
    await real?.close();
  });

  for (const { width, height } of PHONES) {
    for (const locale of ['nb', 'nn', 'en'] as const) {
      test(
        `${locale} at ${width} x ${height}: the name whole or broken where a word may, nothing past the edge, 44 px targets`,
        async () => {
          const page = await chromium.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
          page.setDefaultTimeout(CHAT_PAGE_STEP_MS);
          try {
            await page.goto(`${real.baseUrl}/?lang=${locale}`, { waitUntil: 'commit' });
            await page.locator('.site-header h1').waitFor();
            await page.evaluate(() => document.fonts.ready);

            const { lines, before } = await headingLines(page);
            expect(lines.join('').replaceAll('\u00ad', '')).toBe(
              real.app.translations.t(locale, 'webchat.page.heading').replaceAll('\u00ad', ''),
            );
            for (const [index, character] of before.entries()) {
              expect([' ', '-', '\u00ad'], `break ${index + 1} of "${lines.join(' | ')}"`).toContain(character);
            }
            for (const line of lines) expect(line.replace(/[\s\u00ad]/g, '').length).toBeGreaterThan(3);
            expect(await outsideTheScreen(page)).toEqual([]);

            const targets = [page.locator('#quick-exit'), ...(await page.locator('.help-now a').all())];
            expect(targets.length).toBe(3);
            for (const target of targets) {
              const box = await target.boundingBox();
              expect(box?.height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(44);
              expect(box?.width, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(44);
            }
            // the reported case: the name on one line beside the quick exit on a 360 px phone
            if (width === 360 && locale !== 'en') expect(lines).toHaveLength(1);
            if (locale === 'nb') await page.screenshot({ path: join(ARTIFACTS, `webchat-header-${width}.png`) });
          } finally {
            await page.close();
          }
        },
        CHAT_PAGE_TEST_MS,
      );
    }
  }
});
