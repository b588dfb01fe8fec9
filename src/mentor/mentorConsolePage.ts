/**
 * Serves the mentor console: `GET /mentor` (the page; `/mentor/` redirects there), its script and style sheet, and
 * `GET /mentor/strings.json?lng=nb|nn|en` (the `console` texts of locales/<lng>/console.json).
 * The files are read once at start; the page may load nothing from elsewhere (Content-Security-Policy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { LOCALES, type Locale } from '../conversation/domain.js';
import { DEFAULT_LOCALES_DIR, readLocaleFiles } from '../i18n/i18n.js';

export const DEFAULT_MENTOR_PUBLIC_DIR = fileURLToPath(new URL('../../public/mentor/', import.meta.url));

export interface MentorConsolePageOptions {
  publicDir?: string;
  localesDir?: string;
  defaultLocale: Locale;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const ASSETS = [
  { route: '/mentor', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/mentor/console.js', file: 'console.js', type: 'text/javascript; charset=utf-8' },
  { route: '/mentor/console.css', file: 'console.css', type: 'text/css; charset=utf-8' },
] as const;

export function registerMentorConsolePage(server: Server, options: MentorConsolePageOptions): void {
  const publicDir = options.publicDir ?? DEFAULT_MENTOR_PUBLIC_DIR;
  for (const asset of ASSETS) {
    const content = readFileSync(join(publicDir, asset.file));
    server.get(asset.route, async (_req: Request, res: Response) => {
      // no-cache: a new release is picked up at the next load, after a cheap revalidation
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
      res.end(content);
    });
  }

  server.get('/mentor/', async (_req: Request, res: Response) => {
    res.writeHead(301, { Location: '/mentor' });
    res.end();
  });

  const trees = readLocaleFiles(options.localesDir ?? DEFAULT_LOCALES_DIR);
  const strings = new Map(LOCALES.map((locale) => [locale, JSON.stringify(trees[locale].console ?? {})]));
  server.get('/mentor/strings.json', async (req: Request, res: Response) => {
    const requested = new URLSearchParams(req.getQuery()).get('lng');
    const locale = LOCALES.find((candidate) => candidate === requested) ?? options.defaultLocale;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    res.end(strings.get(locale));
  });
}
