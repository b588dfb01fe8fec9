/**
 * GET /personvern: the privacy statement, in bokmål unless `?lang=nn|en` asks otherwise (an unknown
 * or repeated `lang` is not an error: the statement is for everyone, so it falls back to bokmål).
 * A strict Content-Security-Policy: no script at all, one style sheet from this server.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { LOCALES, type Locale } from '../domain/domain.js';
import type { Translations } from '../i18n/i18n.js';
import { type PrivacyFacts, renderPrivacyPage } from './privacyStatement.js';

const STYLE_SHEET = fileURLToPath(new URL('../../public/privacy/privacy.css', import.meta.url));
const PAGE_LOCALE: Locale = 'nb';

export const PRIVACY_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function registerPrivacyPage(server: Server, deps: { translations: Translations; facts: PrivacyFacts }): void {
  const css = readFileSync(STYLE_SHEET);
  const pages = new Map(LOCALES.map((locale) => [locale, renderPrivacyPage(deps.translations.t, locale, deps.facts)]));

  server.get('/personvern', async (req: Request, res: Response) => {
    const requested = new URLSearchParams(req.getQuery()).getAll('lang');
    const locale =
      requested.length === 1 ? (LOCALES.find((other) => other === requested[0]) ?? PAGE_LOCALE) : PAGE_LOCALE;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': PRIVACY_PAGE_CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(pages.get(locale));
  });

  server.get('/privacy/privacy.css', async (_req: Request, res: Response) => {
    res.writeHead(200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(css);
  });
}
