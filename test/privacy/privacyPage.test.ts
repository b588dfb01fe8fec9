/**
 * /personvern says what the running configuration does: the retention figure, the store, whether
 * SMS passes through Twilio (and erasure reaches its log), whether the chat passes through Azure, and
 * who the data controller is (or, plainly, that nobody is set up). Then the page over real HTTP:
 * strict CSP and no script, the three languages, and hostile queries.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTranslations, type Translations } from '../../src/i18n/i18n.js';
import { type PrivacyFacts, privacyFactsOf, renderPrivacyPage } from '../../src/privacy/privacyStatement.js';
import { startTestApp, TEST_TWILIO, type TestApp } from '../support/testApp.js';

const BASE_FACTS: PrivacyFacts = { store: 'sqlite', twilio: false, azure: false, retentionDays: 30 };

let translations: Translations;
beforeAll(async () => {
  translations = await createTranslations('nb');
});

const page = (facts: Partial<PrivacyFacts>, locale: 'nb' | 'nn' | 'en' = 'nb') =>
  renderPrivacyPage(translations.t, locale, { ...BASE_FACTS, ...facts });
const say = (key: string, params?: Record<string, string | number>) => translations.t('nb', `privacy.${key}`, params);
/** the text as the page writes it (HTML-escaped) */
const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe('the statement follows the configuration', () => {
  test.each([1, 7, 45, 3650])('RETENTION_DAYS=%i is the figure it gives', (retentionDays) => {
    const html = page({ retentionDays });
    expect(html).toContain(`på ${retentionDays} dager`);
    expect(html.match(/på \d+ dager/gu)).toEqual([`på ${retentionDays} dager`]);
    expect(page({ retentionDays }, 'en')).toContain(`for ${retentionDays} days`);
  });

  test('with Twilio: SMS passes through it, and SLETT and retention delete in its log too', () => {
    const html = page({ twilio: true });
    expect(html).toContain(escaped(say('twilioOn')));
    expect(html).toContain(escaped(say('eraseTwilio')));
    expect(html).not.toContain(escaped(say('twilioOff')));
  });

  test('without Twilio: no claim about Twilio deleting anything', () => {
    const html = page({ twilio: false });
    expect(html).toContain(escaped(say('twilioOff')));
    expect(html).not.toContain(escaped(say('eraseTwilio')));
    expect(html).not.toContain(escaped(say('twilioOn')));
  });

  test('SQLite and PostgreSQL are named as what they are', () => {
    expect(page({ store: 'sqlite' })).toContain('SQLite');
    expect(page({ store: 'sqlite' })).not.toContain('PostgreSQL');
    expect(page({ store: 'postgres' })).toContain('PostgreSQL');
    expect(page({ store: 'postgres' })).not.toContain('SQLite');
  });

  test('Azure is named only when the chat passes through it', () => {
    expect(page({ azure: true })).toContain('Microsoft Azure');
    expect(page({ azure: false })).not.toContain('Azure');
  });

  test('the data controller: as configured (escaped), or plainly not configured', () => {
    const missing = page({});
    expect(missing).toContain(say('controllerMissing'));
    expect(missing).toContain(say('contactMissing'));
    const named = page({ controllerName: 'Mental Helse <Norge>', contact: 'personvern@example.no' });
    expect(named).toContain('Behandlingsansvarlig er Mental Helse &lt;Norge&gt;.');
    expect(named).toContain('personvern@example.no');
    expect(named).not.toContain(say('controllerMissing'));
    expect(named).not.toContain('<Norge>');
  });

  test('the configuration gives the facts', () => {
    expect(privacyFactsOf(loadConfig({}))).toEqual({ ...BASE_FACTS, controllerName: undefined, contact: undefined });
    const full = privacyFactsOf(
      loadConfig({
        DATABASE_URL: 'postgres://helpline@localhost/helpline',
        TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
        TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
        DIRECT_LINE_SECRET: 'secret',
        RETENTION_DAYS: '14',
        PRIVACY_CONTROLLER_NAME: ' Mental Helse ',
        PRIVACY_CONTACT: 'personvern@example.no',
      }),
    );
    expect(full).toEqual({
      store: 'postgres',
      twilio: true,
      azure: true,
      retentionDays: 14,
      controllerName: 'Mental Helse',
      contact: 'personvern@example.no',
    });
    expect(privacyFactsOf(loadConfig({ MicrosoftAppId: 'app' })).azure).toBe(true);
    // a sid alone sends nothing and deletes nothing at Twilio
    expect(privacyFactsOf(loadConfig({ TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid })).twilio).toBe(false);
  });
});

describe('GET /personvern', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        RETENTION_DAYS: '12',
        TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
        TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
        PRIVACY_CONTROLLER_NAME: 'Mental Helse',
      },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (query: string) => fetch(`${app.baseUrl}/personvern${query}`);

  test('bokmål, from the running configuration, with no script and a strict CSP', async () => {
    const response = await get('');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).not.toMatch(/<script|\son[a-z]+=/iu);
    expect(html).toContain('på 12 dager');
    expect(html).toContain(escaped(say('eraseTwilio')));
    expect(html).toContain('Behandlingsansvarlig er Mental Helse.');
    expect(html).toContain(escaped(say('contactMissing')));
    const css = await fetch(`${app.baseUrl}/privacy/privacy.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  test.each([
    ['?lang=nn', 'nn', 'på 12 dagar'],
    ['?lang=en', 'en', 'for 12 days'],
    ['?lang=xx', 'nb', 'på 12 dager'],
    ['?lang=NN', 'nb', 'på 12 dager'],
    ['?lang=nn&lang=en', 'nb', 'på 12 dager'],
    ['?lang=%00%ff', 'nb', 'på 12 dager'],
    ['?lang[]=en', 'nb', 'på 12 dager'],
    [`?lang=${'n'.repeat(2000)}`, 'nb', 'på 12 dager'],
  ])('%s answers in %s', async (query, locale, retention) => {
    const response = await get(query);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(retention);
  });

  test('a huge query is refused by the edge, and the page still answers after it', async () => {
    const response = await get(`?lang=en&x=${'a'.repeat(100_000)}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await get('?lang=en')).status).toBe(200);
  });

  test('the chat page and the bot privacy answer link to it', async () => {
    const chat = await (await fetch(`${app.baseUrl}/?lang=nn`)).text();
    expect(chat).toContain('href="personvern?lang=nn"');
    expect(app.translations.t('nb', 'topics.helpline.privacy.more')).toContain('/personvern');
  });
});
