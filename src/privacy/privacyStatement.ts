/**
 * The privacy statement (personvernerklæring) as the running configuration makes it true: which
 * store, which outside services, how long, who the data controller is. Every word is in
 * locales/<lng>/privacy.json; this module only chooses which sentences apply.
 */

import { escapeHtml } from '../channels/webchat/chatPageTemplate.js';
import type { AppConfig } from '../config.js';
import { LOCALES, type Locale } from '../domain/domain.js';
import type { Translate } from '../i18n/i18n.js';

/** the facts of the configuration the statement depends on */
export interface PrivacyFacts {
  store: 'sqlite' | 'postgres';
  /** Twilio credentials are set: SMS and calls pass through Twilio, and erasure reaches its log */
  twilio: boolean;
  /** Azure Direct Line or Bot Service credentials are set: the chat passes through Microsoft Azure */
  azure: boolean;
  retentionDays: number;
  controllerName?: string;
  contact?: string;
}

export function privacyFactsOf(config: AppConfig): PrivacyFacts {
  return {
    store: config.databaseUrl ? 'postgres' : 'sqlite',
    twilio: Boolean(config.twilio.accountSid && config.twilio.authToken),
    azure: Boolean(config.directLineSecret || config.botFramework.appId),
    retentionDays: config.retentionDays,
    controllerName: config.privacy.controllerName,
    contact: config.privacy.contact,
  };
}

interface Section {
  titleKey: string;
  paragraphs: string[];
}

/** the sentences that hold for these facts, already translated */
export function privacySections(t: Translate, locale: Locale, facts: PrivacyFacts): Section[] {
  const say = (key: string, params?: Record<string, string | number>) => t(locale, `privacy.${key}`, params);
  return [
    { titleKey: 'storedTitle', paragraphs: [say('stored'), say('numbers'), say('fodselsnummer')] },
    {
      titleKey: 'whereTitle',
      paragraphs: [
        say(facts.store === 'postgres' ? 'storePostgres' : 'storeSqlite'),
        say(facts.twilio ? 'twilioOn' : 'twilioOff'),
        say(facts.azure ? 'azureOn' : 'azureOff'),
      ],
    },
    { titleKey: 'howLongTitle', paragraphs: [say('retention', { retentionDays: facts.retentionDays })] },
    { titleKey: 'whoTitle', paragraphs: [say('consent'), say('withdraw')] },
    {
      titleKey: 'eraseTitle',
      paragraphs: [say('erase'), ...(facts.twilio ? [say('eraseTwilio')] : [])],
    },
    { titleKey: 'logsTitle', paragraphs: [say('logs'), say('stats')] },
    { titleKey: 'deviceTitle', paragraphs: [say('device')] },
    {
      titleKey: 'controllerTitle',
      paragraphs: [
        facts.controllerName ? say('controller', { name: facts.controllerName }) : say('controllerMissing'),
        facts.contact ? say('contact', { contact: facts.contact }) : say('contactMissing'),
      ],
    },
    { titleKey: 'rightsTitle', paragraphs: [say('rights')] },
  ].map((section) => ({ ...section, titleKey: `privacy.${section.titleKey}` }));
}

/** the whole page; no script, one style sheet from this server */
export function renderPrivacyPage(t: Translate, locale: Locale, facts: PrivacyFacts): string {
  const text = (key: string) => escapeHtml(t(locale, key));
  const sections = privacySections(t, locale, facts)
    .map(
      (section) =>
        `<section>\n<h2>${text(section.titleKey)}</h2>\n${section.paragraphs
          .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
          .join('\n')}\n</section>`,
    )
    .join('\n');
  const languages = LOCALES.map((other) => {
    const current = other === locale ? ' aria-current="page"' : '';
    return `<a href="personvern?lang=${other}" lang="${other}" hreflang="${other}"${current}>${text(`webchat.languages.${other}`)}</a>`;
  }).join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${text('privacy.title')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="privacy/privacy.css">
</head>
<body>
<main>
<h1>${text('privacy.heading')}</h1>
<p class="intro">${text('privacy.intro')}</p>
${sections}
<p><a href="./?lang=${locale}">${text('privacy.backToChat')}</a></p>
</main>
<footer>
<nav aria-label="${text('privacy.languageLabel')}">
${languages}
</nav>
</footer>
</body>
</html>
`;
}
