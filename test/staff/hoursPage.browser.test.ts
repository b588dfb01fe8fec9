/**
 * The opening hours page in Debian's Chromium on the real application: a coordinator sees that
 * OPENING_HOURS is in use, saves other weekly hours and a closed day (a wrong time first, told beside
 * its field), reloads and finds them with who saved them; the bot's hours answer over a signed SMS
 * follows the closed day at once, and the audit log shows the save. Screenshots go to
 * test-artifacts/staff/.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MENTOR_PASSWORD, smsUser } from '../handover/support/handoverApp.js';
import { describeInChromium, screenshotsFolder } from '../support/chromium.js';
import { type StaffPageInChromium, staffPageInChromium } from '../support/staffBrowser.js';

const SCREENSHOTS = screenshotsFolder('staff');
/** the test clock's day: Tuesday 24 November 2026, 10:00 in Oslo, inside the weekly hours */
const TODAY = '2026-11-24';

let kit: StaffPageInChromium;

const say = (key: string, params?: Record<string, string | number>) =>
  kit.app.translations.t('nb', `staff.hours.${key}`, params);

describeInChromium('the opening hours page, in Chromium', (chromium) => {
  kit = staffPageInChromium(chromium, {
    openingHours: 'mon-fri 09:00-15:00',
    account: { username: 'liv', role: 'coordinator' },
    viewport: { width: 1100, height: 900 },
    stepTimeoutMs: 15_000,
  });

  const day = (name: string) => kit.page.locator(`.hours-day[data-day="${name}"]`);
  const time = (field: string) => kit.page.locator(`input[name="${field}"]`);

  it('saves weekly hours and a closed day, shows them after a reload, and the bot says them', async () => {
    await kit.page.goto(`${kit.app.baseUrl}/mentor`);
    await kit.page.fill('#username', 'liv');
    await kit.page.fill('#password', MENTOR_PASSWORD);
    await Promise.all([
      kit.page.waitForResponse((response) => response.url().endsWith('/api/mentor/login') && response.status() === 200),
      kit.page.press('#password', 'Enter'),
    ]);
    await kit.page.goto(`${kit.app.baseUrl}/mentor/staff`);
    await kit.page.getByRole('link', { name: kit.app.translations.t('nb', 'staff.nav.hours') }).click();
    await kit.page.getByRole('heading', { name: say('title') }).waitFor();
    await expect.poll(() => kit.page.locator('#hours-state').textContent()).toBe(say('stateDefault'));
    expect(await time('weekly.mon.0.from').inputValue()).toBe('09:00');
    expect(await day('sat').textContent()).toContain(say('closed'));

    // Thursday until 18:00 (with a wrong time first), Saturday 10-14, today closed for a staff day
    await time('weekly.thu.0.to').fill('18.00');
    await day('sat')
      .getByRole('button', { name: say('addSpanTo', { what: 'Lørdag' }) })
      .click();
    await time('weekly.sat.0.from').fill('10:00');
    await time('weekly.sat.0.to').fill('14:00');
    await kit.page.getByRole('button', { name: say('addException') }).click();
    await kit.page.getByLabel(say('date')).fill(TODAY);
    await kit.page.getByLabel(say('note')).fill('Fagdag');
    await kit.page.getByRole('button', { name: say('save') }).click();

    await kit.page.getByText(say('invalid')).waitFor();
    const problem = kit.page.locator('#problem-weekly-thu-0-to');
    expect(await problem.textContent()).toContain(say('problems.time'));
    expect(await time('weekly.thu.0.to').getAttribute('aria-invalid')).toBe('true');
    expect(await time('weekly.thu.0.to').getAttribute('aria-describedby')).toBe('problem-weekly-thu-0-to');
    await kit.page.screenshot({ path: join(SCREENSHOTS, 'hours-problem-beside-field.png'), fullPage: true });

    await time('weekly.thu.0.to').fill('18:00');
    await Promise.all([
      kit.page.waitForResponse((response) => response.url().endsWith('/api/staff/hours') && response.status() === 200),
      kit.page.getByRole('button', { name: say('save') }).click(),
    ]);
    await kit.page.getByText(say('saved')).waitFor();
    await expect.poll(() => kit.page.evaluate(() => document.activeElement?.id)).toBe('hours-status');
    expect(await kit.page.locator('.field-problem').count()).toBe(0);

    await kit.page.reload();
    await kit.page.getByRole('heading', { name: say('title') }).waitFor();
    // saved at the test clock's 10:00 in Oslo, whatever the machine's time zone
    await expect
      .poll(() => kit.page.locator('#hours-state').textContent())
      .toContain('Lagret av liv 24. november 2026');
    expect(await kit.page.locator('#hours-state').textContent()).toContain('10:00');
    expect(await time('weekly.thu.0.to').inputValue()).toBe('18:00');
    expect(await time('weekly.sat.0.from').inputValue()).toBe('10:00');
    expect(await time('weekly.sat.0.to').inputValue()).toBe('14:00');
    expect(await kit.page.getByLabel(say('date')).inputValue()).toBe(TODAY);
    expect(await kit.page.getByLabel(say('kind')).inputValue()).toBe('closed');
    expect(await kit.page.getByLabel(say('note')).inputValue()).toBe('Fagdag');
    await kit.page.screenshot({ path: join(SCREENSHOTS, 'hours-saved.png'), fullPage: true });

    // the bot follows the saved hours at once: closed today, back tomorrow; the reason is never said
    const answer = (await smsUser(kit.app, '+4790000401')('Når har dere åpent?')).join('\n');
    expect(answer).toContain('torsdag kl. 09.00-18.00');
    expect(answer).toContain('lørdag kl. 10.00-14.00');
    expect(answer).toContain('(unntak: stengt tirsdag 24. november)');
    expect(answer).toContain('Akkurat nå er de ikke på jobb');
    expect(answer).toContain('tilbake i morgen, onsdag, kl. 09.00');
    expect(answer).not.toContain('Fagdag');

    await kit.page.getByRole('link', { name: kit.app.translations.t('nb', 'staff.nav.audit') }).click();
    const row = kit.page.locator('#audit tr', {
      hasText: kit.app.translations.t('nb', 'staff.audit.actions.hours.change'),
    });
    await row.waitFor();
    expect(await row.textContent()).toContain('liv');
    expect(await row.textContent()).toContain(kit.app.translations.t('nb', 'staff.audit.targets.hours'));
    expect(kit.pageErrors).toEqual([]);
  });
});
