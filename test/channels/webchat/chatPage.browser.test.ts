/**
 * The chat page in a real browser (Debian's Chromium through playwright-core), unmodified Web Chat and
 * botframework-directlinejs against the local Direct Line: the welcome, a suggested action, a typed
 * question and its answer, on a 360 px wide phone. Screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWebchatSender } from '../../../src/channels/webchat/webchatSender.js';
import { StubWebchatEngine, startWebchatServer, type WebchatTestServer } from './webchatTestKit.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const chromiumMissing = !existsSync(CHROMIUM) && process.env.CI !== 'true';
if (chromiumMissing) {
  console.warn(
    `Skipping the chat page browser test: no Chromium at ${CHROMIUM} (apt-get install chromium). With CI=true this fails.`,
  );
}

describe.skipIf(chromiumMissing)('the chat page in Chromium', () => {
  let browser: Browser;
  let server: WebchatTestServer;
  const engine = new StubWebchatEngine();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startWebchatServer({ engine });
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
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** a message bubble (Web Chat also keeps screen reader copies of the text) */
  function bubble(page: Page, text: string) {
    return page.locator('.webchat__bubble__content', { hasText: text });
  }

  /** Web Chat scrolls smoothly to new messages; wait until it is there */
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

  async function openPage(width: number, height: number, path = '/'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, locale: 'nb-NO' });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.baseUrl}${path}`);
    return { page, problems };
  }

  test('welcome, a suggested action, a typed question and its answer on a 360 px phone', async () => {
    const { page, problems } = await openPage(360, 740);
    await expect(page.title()).resolves.toBe('Chat med Arbeidslivstelefonen');
    await bubble(page, 'Hei! Jeg er en chatbot. Hva lurer du på?').waitFor();

    await page.getByRole('toolbar', { name: 'Svarforslag' }).getByRole('button', { name: 'Åpenhet på jobben' }).click();
    await bubble(page, 'Det er ditt valg om du vil være åpen.').waitFor();
    await bubble(page, 'Du kan også være åpen med bare noen få.').waitFor();

    const input = page.getByRole('textbox', { name: 'Meldingen din' });
    await input.fill('Hva er lønnstilskudd?');
    await input.press('Enter');
    await bubble(page, 'Her er et svar om jobb.').waitFor();
    await bubble(page, 'Hva er lønnstilskudd?').waitFor();
    // the status area is empty once connected, and nothing says a message failed
    await expect(page.locator('#chat-status').textContent()).resolves.toBe('');
    expect(await page.getByText('Meldingen ble ikke sendt').count()).toBe(0);

    // a mentor's reply, pushed later on the open stream
    const session = engine.sessions.at(-1);
    const sender = createWebchatSender({ transport: server.transport, translations: server.translations });
    const now = new Date();
    await sender.send(
      {
        id: 'c1',
        channel: 'webchat',
        address: session?.address ?? '',
        locale: 'nb',
        status: 'open',
        snapshot: null,
        reference: session?.reference ?? null,
        createdAt: now,
        updatedAt: now,
      },
      'nb',
      [{ kind: 'mentor', text: 'Hei, jeg heter Ola. Fortell gjerne litt mer.' }],
    );
    await bubble(page, 'Mentor: Hei, jeg heter Ola. Fortell gjerne litt mer.').waitFor();

    await scrolledToEnd(page);
    await page.screenshot({ path: `${ARTIFACTS}/webchat-phone.png` });
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(360);

    const conversationMessages = engine.inbound.filter((message) => message.text !== '');
    expect(conversationMessages.map((message) => [message.text, message.choice])).toEqual([
      ['Åpenhet på jobben', 'openness'],
      ['Hva er lønnstilskudd?', undefined],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the page on a desktop screen, in nynorsk', async () => {
    const { page, problems } = await openPage(1280, 800, '/?lang=nn');
    await bubble(page, 'Hei! Eg er ein chatbot. Kva lurer du på?').waitFor();
    await page.getByRole('textbox', { name: 'Meldinga di' }).waitFor();
    await page.getByRole('link', { name: 'Ring 113 om livet er i fare' }).waitFor();
    await page
      .getByRole('toolbar', { name: 'Svarforslag' })
      .getByRole('button', { name: 'Openheit på jobben' })
      .waitFor();
    // Web Chat's own "connecting" notice goes once the stream is open
    await expect.poll(() => page.getByText('Koplar til').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/webchat-desktop-nn.png` });
    expect(engine.sessions.at(-1)?.localeHint).toBe('nn');
    expect(problems).toEqual([]);
    await page.close();
  });
});
