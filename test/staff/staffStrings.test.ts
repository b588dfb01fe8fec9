/**
 * Every word the staff pages ask for by a fixed key (`t('staff.…')` in public/mentor/staff/) is in
 * locales/<lng>/staff.json for nb, nn and en; and every opening hours problem the API can name has its
 * words, so the page never shows a bare key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/domain/domain.js';
import { HOURS_PROBLEMS } from '../../src/handover/openingHoursSettings.js';
import { type LocaleTree, readLocaleFiles } from '../../src/i18n/i18n.js';

const STAFF_DIR = join(import.meta.dirname, '../../public/mentor/staff');
const scripts = readdirSync(STAFF_DIR)
  .filter((file) => file.endsWith('.js'))
  .map((file) => readFileSync(join(STAFF_DIR, file), 'utf8'))
  .join('\n');
const trees = readLocaleFiles();

function lookup(tree: LocaleTree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('the staff pages’ words', () => {
  const keys = [...new Set([...scripts.matchAll(/\bt\(\s*'(staff\.[\w.]+)'/g)].map((match) => match[1] ?? ''))];

  it('finds the keys the pages use', () => {
    expect(keys).toContain('staff.hours.save');
    expect(keys.length).toBeGreaterThan(60);
  });

  it('has every fixed key in nb, nn and en', () => {
    for (const locale of LOCALES) {
      const missing = keys.filter((key) => typeof lookup(trees[locale], key) !== 'string');
      expect(missing, locale).toEqual([]);
    }
  });

  it('has words for every opening hours problem and every weekday', () => {
    for (const locale of LOCALES) {
      for (const problem of HOURS_PROBLEMS) {
        expect(typeof lookup(trees[locale], `staff.hours.problems.${problem}`), `${locale} ${problem}`).toBe('string');
      }
      for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
        expect(typeof lookup(trees[locale], `staff.stats.weekdays.${weekday}`)).toBe('string');
      }
    }
  });
});
