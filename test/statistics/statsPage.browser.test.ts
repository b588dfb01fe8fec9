/**
 * The coordinators' statistics page in Debian's Chromium on the real app: a day of signed SMS
 * conversations makes the counters, a coordinator opens /mentor/staff#stats, and the page draws its
 * charts (Chart.js, from node_modules, under the strict CSP) from those counters, with the same
 * numbers in a table beside each chart, and offers the CSV export. Then the unanswered texts and the
 * audit log. A mentor who is not a coordinator is told the pages are not for them.
 * Screenshots go to test-artifacts/staff-stats/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MASKS } from '../../src/privacy/maskPersonalData.js';
import { numberSeries } from '../multiInstance/smsClient.js';
import { freshLocation } from '../multiInstance/storeLocation.js';
import { collectPageProblems, describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { TEST_TWILIO } from '../support/testApp.js';
import { aDayAtTheHelpline, type StatsSetting, startStatsApp } from './statisticsTestKit.js';

const SCREENSHOTS = screenshotsFolder('staff-stats');

let twilioApi: FakeTwilioApi;
let setting: StatsSetting;
let browser: Browser;
const pageErrors: string[] = [];

const staffWord = (key: string, params?: Record<string, string | number>) =>
  setting.app.translations.t('nb', `staff.${key}`, params);

/** a browser tab logged in with the session of `client` (the cookie the login answered) */
async function tabAs(client: { cookie: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1200, height: 900 } });
  const [name = '', value = ''] = client.cookie.split('=');
  // the session cookie is Secure (PUBLIC_BASE_URL is https); Chromium counts loopback as secure
  await context.addCookies([
    {
      name,
      value,
      url: setting.app.baseUrl.replace('http:', 'https:'),
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  collectPageProblems(page, pageErrors, 'csp refusals');
  return { context, page };
}

describeInChromium('the statistics page in Chromium, on the real app', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    setting = await startStatsApp({ twilioApi, location: await freshLocation('sqlite', null), keepSamples: true });
    await aDayAtTheHelpline(setting, numberSeries('66'));
    browser = chromium.browser;
  });

  afterAll(async () => {
    await setting?.app.close();
    await twilioApi?.close();
  });

  it('draws the charts from the counters, with each chart as a table, and exports CSV', async () => {
    const { context, page } = await tabAs(setting.coordinator);
    await page.goto(`${setting.app.baseUrl}/mentor/staff#stats`);
    await page.getByRole('heading', { name: staffWord('stats.title') }).waitFor();
    await page.locator('#stats-summary').waitFor();
    expect(await page.locator('#stats-summary').textContent()).toContain('4');

    // the chart of conversations per day is drawn by Chart.js from the counters
    const perDay = page.locator('#chart-perDay');
    await perDay.locator('canvas').waitFor();
    const drawn = await perDay.locator('canvas').evaluate((canvas) => {
      const chart = (window as unknown as { Chart: { getChart(c: unknown): unknown } }).Chart.getChart(canvas) as
        | { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> } }
        | undefined;
      const context2d = (canvas as HTMLCanvasElement).getContext('2d');
      const pixels = context2d?.getImageData(
        0,
        0,
        (canvas as HTMLCanvasElement).width,
        (canvas as HTMLCanvasElement).height,
      ).data;
      let painted = 0;
      for (let index = 3; pixels && index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted += 1;
      return chart ? { labels: chart.data.labels, datasets: chart.data.datasets, painted } : undefined;
    });
    expect(drawn?.labels.at(-1)).toBe('2026-11-24');
    expect(drawn?.datasets.find((dataset) => dataset.label === 'SMS')?.data.at(-1)).toBe(4);
    expect(drawn?.painted ?? 0).toBeGreaterThan(500);

    // the same numbers in the table beside it
    const lastDay = perDay.getByRole('row', { name: /2026-11-24/ });
    expect(await lastDay.locator('td').allTextContents()).toEqual(['4', '0', '0']);
    const feedbackRow = page.locator('#chart-feedback').getByRole('row', { name: /^4/ });
    expect(await feedbackRow.locator('td').allTextContents()).toEqual(['1']);
    const handovers = page.locator('#chart-handovers');
    expect(
      await handovers
        .getByRole('row', { name: staffWord('stats.accepted') })
        .locator('td')
        .textContent(),
    ).toBe('1');
    // ids are shown as words: topics, places in the dialog, in the charts and in the tables
    const topicLabels = await page.locator('#chart-topics canvas').evaluate((canvas) => {
      const chart = (window as unknown as { Chart: { getChart(c: unknown): unknown } }).Chart.getChart(canvas) as
        | { data: { labels: string[] } }
        | undefined;
      return chart?.data.labels ?? [];
    });
    expect(topicLabels).toContain(setting.app.translations.t('nb', 'console.topics.measures.wage_subsidy'));
    expect(topicLabels.some((label) => label.includes('.'))).toBe(false);
    const topicRows = await page.locator('#chart-topics tbody th').allTextContents();
    expect(topicRows).toContain('Lønnstilskudd');
    const stateRows = await page.locator('#chart-notUnderstood tbody th').allTextContents();
    expect(stateRows).toContain(staffWord('stats.states.conversation.mainMenu'));
    expect(stateRows.filter((row) => row.startsWith('conversation.'))).toEqual([]);
    const busiest = page
      .locator('#chart-busiest')
      .getByRole('row', { name: new RegExp(staffWord('stats.weekdays.2')) });
    expect((await busiest.locator('td').allTextContents())[10]).toBe('4');
    await page.screenshot({ path: join(SCREENSHOTS, 'stats-30-days.png'), fullPage: true });

    // another period is fetched and drawn again
    const refreshed = page.waitForResponse((response) => response.url().includes('/api/staff/stats?days=7'));
    await page.getByRole('button', { name: staffWord('stats.days', { days: 7 }) }).click();
    await refreshed;
    await expect.poll(() => page.locator('#chart-perDay tbody tr').count()).toBe(7);

    // the CSV export is a download of the same figures
    const link = page.getByRole('link', { name: staffWord('stats.csv') });
    expect(await link.getAttribute('download')).not.toBeNull();
    const download = page.waitForEvent('download');
    await link.click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('conversations,total,4');
    expect(csv).toContain('feedback,4,1');
    // in the page's language, a column of words beside the ids
    expect(csv).toContain('section,key,value,label');
    expect(csv).toContain('topics,measures.wage_subsidy,1,Lønnstilskudd');
    await page.screenshot({ path: join(SCREENSHOTS, 'stats-7-days.png'), fullPage: true });
    await context.close();
  });

  it('shows the masked texts the bot did not understand, as NLU examples, and the audit log', async () => {
    const { context, page } = await tabAs(setting.coordinator);
    await page.goto(`${setting.app.baseUrl}/mentor/staff#unanswered`);
    const row = page.locator('#unanswered tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(`ring meg på ${MASKS.phone}`);
    expect(await page.content()).not.toContain('912 34 567');
    await row.locator('select').selectOption('helpline.hours');
    expect(await row.locator('.example-line').textContent()).toBe(
      `"helpline.hours": ["blablabla qwerty zxcv, ring meg på ${MASKS.phone}"]`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'unanswered.png'), fullPage: true });

    // a role change (and back): the log names the account with its new role, in words
    for (const role of ['coordinator', 'mentor']) {
      expect((await setting.coordinator.request('POST', '/api/staff/accounts/ola/role', { role })).status).toBe(200);
    }
    await page.getByRole('link', { name: staffWord('nav.audit') }).click();
    await page.locator('#audit tbody tr').first().waitFor();
    const text = await page.locator('#audit').textContent();
    expect(text).toContain(staffWord('audit.actions.account.roleChange'));
    expect(text).toContain(
      staffWord('audit.roleTarget', { username: 'ola', role: staffWord('accounts.roles.coordinator') }),
    );
    expect(text).not.toContain('→');
    expect(text).toContain(staffWord('audit.actions.handover.accept'));
    expect(text).toContain(staffWord('audit.actions.login'));
    expect(text).not.toContain('Ola her');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });
    await context.close();
  });

  it('tells a mentor who is not a coordinator that the pages are not for them', async () => {
    const { context, page } = await tabAs(setting.mentor);
    await page.goto(`${setting.app.baseUrl}/mentor/staff#stats`);
    await page.getByText(staffWord('coordinatorsOnly')).waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
