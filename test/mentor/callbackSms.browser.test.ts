/**
 * Issue 11, point 8, in Debian's Chromium on the real application: after hours a web chat visitor
 * (on the local Direct Line, as the chat page uses it) leaves a mobile number with a callback; the
 * mentor sees how the person can be reached, writes a first SMS from the callback and sends it (the
 * fake Twilio API gets it), and the person's SMS reply appears live in the SMS conversation that
 * follows. Screenshots go to test-artifacts/mentor-console/.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type DirectLineVisitor, openDirectLineVisitor } from '../handover/support/directLineVisitor.js';
import { smsUser } from '../handover/support/handoverApp.js';
import { describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { logInAtConsole, type StaffPageInChromium, staffPageInChromium } from '../support/staffBrowser.js';

const SCREENSHOTS = screenshotsFolder('mentor-console');
const VISITOR_PHONE = '+4791234500';

let kit: StaffPageInChromium;
let visitor: DirectLineVisitor | undefined;

const t = (key: string, params?: Record<string, string | number>) => kit.app.translations.t('nb', key, params);
const say = (key: string, params?: Record<string, string | number>) => t(`console.${key}`, params);

describeInChromium('starting an SMS conversation from a web chat callback, in Chromium', (chromium) => {
  kit = staffPageInChromium(chromium, {
    // the test clock starts on a Tuesday at 10:00: the helpline is closed
    openingHours: 'mon 09:00-10:00',
    account: { username: 'kari' },
    viewport: { width: 1000, height: 760 },
    stepTimeoutMs: 10_000,
  });

  // before the app closes (after hooks run last registered first)
  afterAll(async () => {
    await visitor?.close();
  });

  it('shows how the person can be reached, sends the first SMS, and runs as an SMS handover', async () => {
    visitor = await openDirectLineVisitor(kit.app.baseUrl);
    await visitor.waitFor((activity) => activity.text === t('dialog.welcome'));
    await visitor.tap(t('dialog.choice.mentor'));
    await visitor.waitFor((activity) => activity.text === t('handover.consent.afterHoursQuestion'));
    await visitor.tap(t('handover.choice.consentYes'));
    await visitor.waitFor((activity) => activity.text === t('handover.callback.askPhone', { retentionDays: 30 }));
    await visitor.say('912 34 500');
    await visitor.waitFor((activity) => activity.text === t('handover.callback.phoneSaved'));

    await logInAtConsole(kit.page, kit.app, 'kari');
    await kit.page.getByRole('button', { name: say('nav.callbacks') }).click();
    await kit.page.getByRole('heading', { name: say('callbacks.heading') }).waitFor();
    const reach = say('callbacks.reachSms', { phone: VISITOR_PHONE });
    await kit.page.getByText(reach).waitFor();
    await kit.page.getByRole('button', { name: say('queue.open') }).click();

    const firstSms = kit.page.getByLabel(say('callbacks.smsLabel'));
    expect(await firstSms.inputValue()).toBe(say('callbacks.smsDraft', { mentor: 'kari' }));
    await firstSms.fill('Hei! Kari her, mentor ved Arbeidslivstelefonen. Du ba om at vi tar kontakt.');
    await kit.page.screenshot({ path: join(SCREENSHOTS, '20-callback-first-sms.png'), fullPage: true });
    await kit.page.getByRole('button', { name: say('callbacks.smsStart') }).click();

    // the console opens the new SMS conversation, with the mentor's compose box
    await kit.page.getByLabel(say('handover.messageLabel')).waitFor();
    const sent = await kit.twilioApi.waitForMessages(2);
    expect(sent.map((message) => [message.to, message.body])).toEqual([
      [VISITOR_PHONE, t('handover.startedByMentor')],
      [VISITOR_PHONE, 'Hei! Kari her, mentor ved Arbeidslivstelefonen. Du ba om at vi tar kontakt.'],
    ]);

    // the person's SMS reply reaches the mentor, live
    expect(await smsUser(kit.app, VISITOR_PHONE)('Takk! Fint å høre fra dere.')).toEqual([]);
    await kit.page.getByText('Takk! Fint å høre fra dere.').waitFor();
    await kit.page.screenshot({ path: join(SCREENSHOTS, '21-callback-sms-conversation.png'), fullPage: true });

    // the web chat callback is answered: gone from the list, with its number
    await kit.page.getByRole('button', { name: say('nav.callbacks') }).click();
    await kit.page.getByText(say('callbacks.empty')).waitFor();
    expect(kit.pageErrors).toEqual([]);
  });
});
