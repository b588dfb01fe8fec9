/**
 * Moving a conversation in Debian's Chromium on the real application: a person texts the helpline
 * through a signed Twilio webhook and asks for a mentor; on the coordinator's overview the coordinator
 * moves it to a second mentor, whose console shows it with the transcript, and the person gets "another
 * mentor is taking over" at the fake Twilio API. Then that mentor hands it on to a colleague from her
 * own console with a note: the colleague reads the note, the person never gets it. A note and a
 * colleague's name with HTML in them are shown as text. A support request is marked as seen on the
 * overview, and the coordinator takes the conversation over and opens it in her console from there.
 * Last, a coordinator gives a waiting person to a mentor on duty from the overview.
 * Screenshots go to test-artifacts/staff/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addMentor,
  type HandoverTestApp,
  requestMentorBySms,
  smsUser,
  startHandoverApp,
} from '../handover/support/handoverApp.js';
import { describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type FakeTwilioApi, startFakeTwilioApi } from '../support/fakeTwilioApi.js';
import { logInAtConsole } from '../support/staffBrowser.js';
import { createTestClock, TEST_TWILIO } from '../support/testApp.js';

const SCREENSHOTS = screenshotsFolder('staff');
const PHONE = '+4745100001';
/** a colleague's name and a note written to break the page if they were ever put in as HTML */
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_NOTE = 'Hun vil snakke om <b>tilrettelegging</b><script>window.__pwned=1</script>';

let twilioApi: FakeTwilioApi;
let app: HandoverTestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** each account's page, logged in in a browser context of its own */
const pages = new Map<string, Page>();
const pageErrors: string[] = [];

const say = (key: string, params?: Record<string, string | number>) =>
  app.translations.t('nb', `console.${key}`, params);
const staffSay = (key: string, params?: Record<string, string | number>) =>
  app.translations.t('nb', `staff.${key}`, params);
/** several browser contexts on a shared two-core machine: the steps are quick, the machine may not be */
const STEP_TIMEOUT_MS = 120_000;
const sentTo = (to: string) => twilioApi.sent.filter((sms) => sms.to === to).map((sms) => sms.body);

/** a page of its own (own cookies), logged in at the console as `username` */
async function consoleOf(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1100, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) pageErrors.push(message.text());
  });
  await logInAtConsole(page, app, username);
  pages.set(username, page);
  return page;
}

function pageOf(username: string): Page {
  const page = pages.get(username);
  if (!page) throw new Error(`no page for ${username}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describeInChromium('moving conversations in Chromium, on the real app', (chromium) => {
  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi(TEST_TWILIO);
    app = await startHandoverApp({ twilioApiBaseUrl: twilioApi.baseUrl, clock: createTestClock(new Date()) });
    await addMentor(app, 'liv', 'coordinator');
    await addMentor(app, 'kari');
    await addMentor(app, 'per');
    browser = chromium.browser;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.close();
    await twilioApi?.close();
  }, STEP_TIMEOUT_MS);

  it(
    'a coordinator moves a conversation on the overview; the new mentor has it with the transcript',
    async () => {
      const { handoverId } = await requestMentorBySms(app, PHONE, { consent: true, first: 'Hei, jeg lurer på NAV' });
      const kari = await consoleOf('kari');
      const per = await consoleOf('per');
      // kari takes the person in her console
      await kari.getByRole('button', { name: say('queue.open') }).click();
      await kari.getByRole('button', { name: say('handover.accept') }).click();
      await kari.locator('#compose-text').waitFor();

      const liv = await consoleOf('liv');
      // every event stream the staff page opens (the console's own ended with its page)
      const streamsOpened: string[] = [];
      liv.on('request', (request) => {
        if (
          new URL(request.url()).pathname === '/api/mentor/events' &&
          request.frame().url().includes('/mentor/staff')
        ) {
          streamsOpened.push(request.url());
        }
      });
      await liv.goto(`${app.baseUrl}/mentor/staff#overview`);
      const row = liv.locator(`tr[data-handover="${handoverId}"]`);
      await row.getByText('kari').waitFor();
      await liv.getByRole('heading', { name: say('supportRequests.heading') }).waitFor();
      await liv.getByText(say('supportRequests.empty')).waitFor();
      // the overview and its support requests share one stream
      expect(streamsOpened).toHaveLength(1);
      const moveTo = row.getByLabel(staffSay('overview.moveTo'));
      // the colleagues, with whether they are there and how many conversations they have
      await expect
        .poll(() => moveTo.locator('option').allTextContents())
        .toContainEqual(
          say('transfer.option', { username: 'per', state: say('transfer.state.online'), conversations: 0, max: 3 }),
        );
      await moveTo.selectOption('per');
      await shot(liv, 'overview-before-move');
      await row.getByRole('button', { name: staffSay('overview.moveButton') }).click();
      await liv.getByText(staffSay('overview.moved', { mentor: 'per' })).waitFor();
      await row.getByText('per').waitFor();
      await shot(liv, 'overview-moved');

      // per's console is told, lists it as hers, and opens it with what the person agreed to share
      await per.locator('#notice').getByText(say('transfer.received')).waitFor();
      await per.getByRole('button', { name: say('queue.open') }).click();
      await per.getByText('Hei, jeg lurer på NAV').waitFor();
      await per.locator('#compose-text').waitFor();
      await shot(per, 'overview-moved-console');
      // kari's console no longer offers her to write
      await kari.getByText(say('handover.takenBy', { mentor: 'per' })).waitFor();
      await kari
        .locator('#notice')
        .getByText(say('transfer.movedAway', { mentor: 'per' }))
        .waitFor();
      expect(await kari.locator('#compose-text').count()).toBe(0);

      await app.handovers.idle();
      expect(sentTo(PHONE)).toContain(app.translations.t('nb', 'system.mentorTransferred'));
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a warm transfer with a note: the colleague reads it as text, the person never gets it',
    async () => {
      // a name no account form would take, as if written straight into the database
      await app.store.transaction(null, (uow) =>
        uow.mentors.create({ username: HOSTILE_NAME, passwordHash: 'x', now: app.clock() }),
      );
      // per opens her conversation again, so the form asks afresh who can take it
      const per = pageOf('per');
      await per.getByRole('button', { name: say('handover.back'), exact: true }).click();
      await per.getByRole('button', { name: say('queue.open') }).click();
      const to = per.locator('#transfer-mentor');
      await to.waitFor();
      // the hostile name is an option's text, nothing more
      await expect
        .poll(() => to.locator('option').allTextContents())
        .toContainEqual(expect.stringContaining(HOSTILE_NAME));
      await to.selectOption('kari');
      await per.locator('#transfer-note').fill(HOSTILE_NOTE);
      await shot(per, 'warm-transfer-form');
      await per
        .locator('form.transfer')
        .getByRole('button', { name: say('transfer.submit') })
        .click();
      await per
        .locator('#notice')
        .getByText(say('transfer.done', { mentor: 'kari' }))
        .waitFor();
      await per.getByRole('heading', { name: say('queue.heading') }).waitFor();

      // kari still has the conversation open: it is hers again, with the note
      const kari = pageOf('kari');
      await kari.locator('#notice').getByText(say('transfer.received')).waitFor();
      const notes = kari.locator('.mentor-notes');
      await notes.getByText(say('notes.fromTo', { from: 'per', to: 'kari' })).waitFor();
      expect(await notes.locator('li p').nth(1).textContent()).toBe(HOSTILE_NOTE);
      expect(await notes.locator('b, script').count()).toBe(0);
      await kari.locator('#compose-text').waitFor();
      await shot(kari, 'warm-transfer-note');

      for (const page of [per, kari])
        expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
      await app.handovers.idle();
      const told = sentTo(PHONE);
      expect(told.filter((body) => body === app.translations.t('nb', 'system.mentorTransferred'))).toHaveLength(2);
      expect(told.join('\n')).not.toContain('tilrettelegging');
      // the person goes on with kari as before
      await smsUser(app, PHONE)('Takk, det er fint');
      await kari.getByText('Takk, det er fint').waitFor();
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'shows a mentor’s "I need to talk this through" on the overview and marks it as seen',
    async () => {
      const asked = await pageOf('per').evaluate(async () => {
        const response = await fetch('/api/mentor/me/support-request', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ afterCrisis: true }),
        });
        return response.status;
      });
      expect(asked).toBe(201);
      const liv = pageOf('liv');
      const request = liv.locator('.support-requests .card');
      await request.getByText(say('supportRequests.afterCrisis')).waitFor();
      await shot(liv, 'overview-support-request');
      await request.getByRole('button', { name: say('supportRequests.markSeen') }).click();
      await liv.getByText(say('supportRequests.seen')).waitFor();
      await liv.getByText(say('supportRequests.empty')).waitFor();
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a coordinator takes a conversation over and opens it in her console from the overview',
    async () => {
      const liv = pageOf('liv');
      const row = liv.locator('tr[data-handover]');
      await row.getByRole('button', { name: staffSay('overview.takeOver') }).click();
      await liv.getByText(staffSay('overview.tookOver')).waitFor();
      await row.getByText('liv').waitFor();
      await liv.getByRole('link', { name: staffSay('overview.openInConsole') }).click();
      // the console opens that conversation, hers to write in, with what the person wrote
      await liv.getByText('Takk, det er fint').waitFor();
      await liv.locator('#compose-text').waitFor();
      expect(new URL(liv.url()).hash).toBe('');
      await shot(liv, 'overview-taken-over-console');
      await pageOf('kari')
        .locator('#notice')
        .getByText(say('transfer.movedAway', { mentor: 'liv' }))
        .waitFor();
      await app.handovers.idle();
      const told = sentTo(PHONE).filter((body) => body === app.translations.t('nb', 'system.mentorTransferred'));
      expect(told).toHaveLength(3);
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'a coordinator gives a waiting person to a mentor on duty from the overview',
    async () => {
      const from = '+4745100002';
      const { handoverId } = await requestMentorBySms(app, from, {
        consent: true,
        first: 'Hei, jeg vil snakke om jobben',
      });
      const liv = pageOf('liv');
      await liv.goto(`${app.baseUrl}/mentor/staff#overview`);
      const row = liv.locator(`tr[data-handover="${handoverId}"]`);
      const giveTo = row.getByLabel(staffSay('overview.assignTo'));
      // the same colleagues as the move form, and only one on duty with room can be chosen
      await expect
        .poll(() => giveTo.locator('option').allTextContents())
        .toContainEqual(
          say('transfer.option', { username: 'per', state: say('transfer.state.online'), conversations: 0, max: 3 }),
        );
      expect(await giveTo.locator('option', { hasText: 'onerror' }).isDisabled()).toBe(true);
      await giveTo.selectOption('per');
      await shot(liv, 'overview-before-assign');
      await row.getByRole('button', { name: staffSay('overview.assignButton') }).click();
      await liv.getByText(staffSay('overview.assigned', { mentor: 'per' })).waitFor();
      await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('per');
      await shot(liv, 'overview-assigned');

      // per's console is told, and she has the conversation with what the person agreed to share
      const per = pageOf('per');
      await per.locator('#notice').getByText(say('transfer.received')).waitFor();
      await per
        .locator('li.card', { hasText: say('status.activeWith', { mentor: 'per' }) })
        .getByRole('button', { name: say('queue.open') })
        .click();
      await per.getByText('Hei, jeg vil snakke om jobben').waitFor();
      await per.locator('#compose-text').waitFor();
      await app.handovers.idle();
      expect(sentTo(from)).toContain(app.translations.t('nb', 'handover.accepted'));
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );
});
