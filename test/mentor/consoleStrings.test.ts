import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, TOPIC_INTENTS } from '../../src/domain/domain.js';
import { readLocaleFiles } from '../../src/i18n/i18n.js';

type Tree = { [key: string]: unknown };

const CONSOLE_DIR = join(import.meta.dirname, '../../public/mentor');
/** the console's scripts: app.js, its views and its shared modules (the staff pages have their own test) */
const consoleScript = ['app.js', 'views', 'lib', 'staff/supportRequests.js']
  .flatMap((entry) =>
    extname(entry) === '.js'
      ? [join(CONSOLE_DIR, entry)]
      : readdirSync(join(CONSOLE_DIR, entry)).map((file) => join(CONSOLE_DIR, entry, file)),
  )
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const consoleHtml = readFileSync(join(CONSOLE_DIR, 'page.html'), 'utf8');
const trees = readLocaleFiles();

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, text] of flatten(value as Tree, `${prefix}${key}.`)) flat.set(inner, text);
    } else flat.set(`${prefix}${key}`, String(value));
  }
  return flat;
}

const strings = Object.fromEntries(LOCALES.map((locale) => [locale, flatten((trees[locale].console ?? {}) as Tree)]));

describe('console texts (locales/*/console.json)', () => {
  it('has the same keys and placeholders in nb, nn and en', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const nb = strings.nb;
    expect(nb?.size).toBeGreaterThan(50);
    for (const locale of ['nn', 'en'] as const) {
      const other = strings[locale];
      expect([...(other?.keys() ?? [])].sort(), locale).toEqual([...(nb?.keys() ?? [])].sort());
      for (const [key, text] of nb ?? [])
        expect(placeholders(other?.get(key) ?? ''), `${locale} ${key}`).toEqual(placeholders(text));
    }
  });

  it('has every key the page asks for, in every language', () => {
    const staticKeys = [...consoleScript.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1] ?? '');
    const htmlKeys = [...consoleHtml.matchAll(/data-i18n="([\w.]+)"/g)].map((match) => match[1] ?? '');
    const familyKeys = [
      ...['answered', 'referred', 'no_contact', 'other'].map((outcome) => `outcome.${outcome}`),
      ...['sms', 'webchat', 'cli'].map((channel) => `channel.${channel}`),
      ...['waiting', 'active', 'closed', 'callback'].map((status) => `status.${status}`),
      ...['user', 'bot', 'mentor'].map((direction) => `handover.from.${direction}`),
      ...['connected', 'paused'].map((live) => `live.${live}`),
      ...['languages.nb', 'languages.nn', 'languages.en'],
      ...['sending', 'sent', 'failed'].map((delivery) => `handover.delivery.${delivery}`),
      ...TOPIC_INTENTS.map((topic) => `topics.${topic}`),
    ];
    expect(staticKeys.length).toBeGreaterThan(40);
    for (const locale of LOCALES) {
      for (const key of [...staticKeys, ...htmlKeys, ...familyKeys])
        expect(strings[locale]?.has(key), `${locale} ${key}`).toBe(true);
    }
  });

  it('offers canned replies with a label and a text that SMS can carry (GSM-7 letters, no dashes or curly quotes)', () => {
    for (const locale of LOCALES) {
      const canned = (trees[locale].console as Tree).canned as Record<string, { label: string; text: string }>;
      expect(Object.keys(canned).length, locale).toBeGreaterThanOrEqual(4);
      for (const reply of Object.values(canned)) {
        expect(reply.label.length).toBeGreaterThan(0);
        expect(reply.text, reply.text).toMatch(/^[A-Za-z0-9 .,:;!?()'"\-+/ÆØÅæøåÉéÄÖÜäöüà\n]+$/);
      }
    }
  });
});
