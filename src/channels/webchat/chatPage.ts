/**
 * GET / : the chat page (Bot Framework Web Chat, served from this server (browserLibraries.ts), no CDN), its script and
 * style, in the visitor's language (?lang=nb|nn|en, else the default).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/domain.js';
import { browserLibraryPath } from '../../http/browserLibraries.js';
import type { Translations } from '../../i18n/i18n.js';
import { escapeHtml, fillTemplate, scriptJson } from './chatPageTemplate.js';
import { zodReason } from './zodReason.js';

const PUBLIC_CHAT_DIR = fileURLToPath(new URL('../../../public/chat/', import.meta.url));

/** Web Chat has no nynorsk strings of its own; ours override the ones the page shows */
const WEB_CHAT_LOCALES: Record<Locale, string> = { nb: 'nb-NO', nn: 'nb-NO', en: 'en-US' };
const CONVERSATION_LOCALES: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-US' };

const PAGE_TEXTS = [
  'title',
  'heading',
  'tagline',
  'skipToChat',
  'chatLabel',
  'crisisTitle',
  'emergencyCall',
  'emergencyNumber',
  'helplineCall',
  'helplineNumber',
  'privacy',
  'privacyLink',
  'languageLabel',
  'connecting',
  'noScript',
  'remember',
  'rememberHint',
  'forget',
  'quickExit',
  'quickExitHint',
  'withdrawConsent',
] as const;

const pageQuerySchema = z.object({ lang: z.enum(LOCALES).optional() });

export interface ChatPageDeps {
  translations: Translations;
  defaultLocale: Locale;
  /** origins the page's scripts may connect to beyond its own (the Direct Line stream, Azure) */
  connectOrigins: () => string[];
  /** the page offers to remember the conversation on this device (local Direct Line only) */
  resumeAvailable: boolean;
  /** QUICK_EXIT_URL (https, checked by the config): the neutral page the quick exit replaces the chat with */
  quickExitUrl: string;
}

interface Asset {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  gzipped?: Promise<Buffer>;
}

const gzipAsync = promisify(gzip);

export function registerChatPage(server: Server, deps: ChatPageDeps): void {
  const template = readFileSync(join(PUBLIC_CHAT_DIR, 'index.html'), 'utf8');
  const assets: Record<string, Asset> = {
    '/chat/chat.js': asset(join(PUBLIC_CHAT_DIR, 'chat.js'), 'text/javascript; charset=utf-8', 'no-cache'),
    '/chat/chat.css': asset(join(PUBLIC_CHAT_DIR, 'chat.css'), 'text/css; charset=utf-8', 'no-cache'),
    '/chat/webchat.js': asset(browserLibraryPath('webchat'), 'text/javascript; charset=utf-8', 'public, max-age=86400'),
  };

  server.get('/', async (req: Request, res: Response) => {
    const query = pageQuerySchema.safeParse(req.query ?? {});
    if (!query.success) {
      res.send(400, { error: zodReason(query.error) });
      return;
    }
    const locale = query.data.lang ?? deps.defaultLocale;
    const html = renderPage(template, deps.translations, locale, deps.resumeAvailable, deps.quickExitUrl);
    res.sendRaw(200, html, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': contentSecurityPolicy(deps.connectOrigins()),
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
  });

  for (const [path, file] of Object.entries(assets)) {
    server.get(path, async (req: Request, res: Response) => {
      const headers = {
        'content-type': file.contentType,
        'cache-control': file.cacheControl,
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (/\bgzip\b/u.test(req.header('accept-encoding') ?? '')) {
        file.gzipped ??= gzipAsync(file.body);
        res.sendRaw(200, await file.gzipped, { ...headers, 'content-encoding': 'gzip' });
        return;
      }
      res.sendRaw(200, file.body, headers);
    });
  }
}

function asset(path: string, contentType: string, cacheControl: string): Asset {
  return { body: readFileSync(path), contentType, cacheControl };
}

function renderPage(
  template: string,
  translations: Translations,
  locale: Locale,
  resumeAvailable: boolean,
  quickExitUrl: string,
): string {
  const { t } = translations;
  const values: Record<string, string> = { lang: locale, quickExitUrl };
  for (const key of PAGE_TEXTS) values[key] = t(locale, `webchat.page.${key}`);
  const languageLinks = LOCALES.map((other) => {
    const current = other === locale ? ' aria-current="page"' : '';
    return `<a href="?lang=${other}" lang="${other}" hreflang="${other}"${current}>${escapeHtml(t(locale, `webchat.languages.${other}`))}</a>`;
  }).join('\n');
  const config = {
    locale,
    webChatLocale: WEB_CHAT_LOCALES[locale],
    conversationLocale: CONVERSATION_LOCALES[locale],
    tokenUrl: 'api/directline/token',
    resumeTokenUrl: resumeAvailable ? 'api/directline/resume-token' : null,
    quickExitUrl,
    strings: {
      connecting: t(locale, 'webchat.page.connecting'),
      connectionFailed: t(locale, 'webchat.page.connectionFailed'),
      retry: t(locale, 'webchat.page.retry'),
      mentorName: t(locale, 'webchat.mentorName'),
      crisisTitle: t(locale, 'webchat.page.crisisTitle'),
      emergencyCall: t(locale, 'webchat.page.emergencyCall'),
      emergencyNumber: t(locale, 'webchat.page.emergencyNumber'),
      helplineCall: t(locale, 'webchat.page.helplineCall'),
      helplineNumber: t(locale, 'webchat.page.helplineNumber'),
      forgotten: t(locale, 'webchat.page.forgotten'),
      resumed: t(locale, 'webchat.page.resumed'),
      previousGone: t(locale, 'webchat.page.previousGone'),
      // what the "don't share" button writes: the first of the words that take consent back
      withdrawMessage: t(locale, 'webchat.page.withdrawMessage'),
    },
    webChatStrings: translations.raw(locale, 'webchat.webChat'),
  };
  return fillTemplate(template, values, { languageLinks, config: scriptJson(config) });
}

function contentSecurityPolicy(connectOrigins: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Web Chat writes its styles at run time, not all of them under its nonce option
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectOrigins.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}
