/**
 * Serves the mentor console and the coordinators' staff pages: `GET /mentor` (the console; `/mentor/` redirects
 * there), `GET /mentor/staff` (the staff pages), every script and style sheet under public/mentor/ at the same
 * path below `/mentor/`, the browser libraries under `/mentor/vendor/`, and `GET /mentor/strings.json?lng=nb|nn|en`
 * (the `console` texts of locales/<lng>/console.json, with locales/<lng>/staff.json under `staff`).
 * Both pages are public/mentor/page.html with their own style sheets and scripts in its head. The files
 * are read once at start; the pages may load nothing from elsewhere (Content-Security-Policy).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { LOCALES, type Locale } from '../domain/domain.js';
import { DEFAULT_LOCALES_DIR, type LocaleTree, readLocaleFiles } from '../i18n/i18n.js';
import { browserLibraries } from './browserLibraries.js';

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

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface ConsolePage {
  route: string;
  /** style sheets after console.css, which every page has */
  styles: string[];
  /** classic scripts, run in order before the module (the staff pages' Chart.js) */
  deferredScripts: string[];
  module: string;
}

const PAGES: ConsolePage[] = [
  { route: '/mentor', styles: [], deferredScripts: [], module: '/mentor/app.js' },
  {
    route: '/mentor/staff',
    styles: ['/mentor/staff/staff.css'],
    deferredScripts: ['/mentor/vendor/chart.umd.js'],
    module: '/mentor/staff/app.js',
  },
];

/** the page template with the page's own tags in its head (the paths are ours: nothing to escape) */
function renderPage(template: string, page: ConsolePage): string {
  const tags = [
    ...page.styles.map((href) => `<link rel="stylesheet" href="${href}" />`),
    ...page.deferredScripts.map((src) => `<script src="${src}" defer></script>`),
    `<script type="module" src="${page.module}"></script>`,
  ];
  return template.replace('{{assets}}', tags.map((tag) => `    ${tag}`).join('\n'));
}

interface Asset {
  route: string;
  content: Buffer;
  type: string;
}

/** every script and style sheet under the public folder, at its own path below /mentor/ */
function scriptsAndStyles(publicDir: string): Asset[] {
  return readdirSync(publicDir, { recursive: true, encoding: 'utf8' }).flatMap((path) => {
    const type = CONTENT_TYPES[extname(path)];
    if (!type) return [];
    const route = `/mentor/${relative('.', path).split(sep).join('/')}`;
    return [{ route, content: readFileSync(join(publicDir, path)), type }];
  });
}

function namespace(tree: LocaleTree, name: string): LocaleTree {
  const found = tree[name];
  return typeof found === 'object' && !Array.isArray(found) ? found : {};
}

export function registerMentorConsolePage(server: Server, options: MentorConsolePageOptions): void {
  const publicDir = options.publicDir ?? DEFAULT_MENTOR_PUBLIC_DIR;
  const template = readFileSync(join(publicDir, 'page.html'), 'utf8');
  const assets: Asset[] = [
    ...PAGES.map((page) => ({
      route: page.route,
      content: Buffer.from(renderPage(template, page)),
      type: 'text/html; charset=utf-8',
    })),
    ...scriptsAndStyles(publicDir),
    ...browserLibraries().map(({ route, file, type }) => ({ route, content: readFileSync(file), type })),
  ];
  for (const { route, content, type } of assets) {
    server.get(route, async (_req: Request, res: Response) => {
      // no-cache: a new release is picked up at the next load, after a cheap revalidation
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' });
      res.end(content);
    });
  }

  server.get('/mentor/', async (_req: Request, res: Response) => {
    res.writeHead(301, { Location: '/mentor' });
    res.end();
  });

  const trees = readLocaleFiles(options.localesDir ?? DEFAULT_LOCALES_DIR);
  const strings = new Map(
    LOCALES.map((locale) => [
      locale,
      JSON.stringify({ ...namespace(trees[locale], 'console'), staff: namespace(trees[locale], 'staff') }),
    ]),
  );
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
