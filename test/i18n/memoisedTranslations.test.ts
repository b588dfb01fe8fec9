/**
 * Texts without message params are kept once rendered (src/i18n/i18n.ts, memoiseUnparameterised):
 * what the memo answers must be what i18next renders, also after the render params (the opening
 * hours) change, and texts with params are rendered every time.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/domain/domain.js';
import { createTranslations, type LocaleTree, memoiseUnparameterised, readLocaleFiles } from '../../src/i18n/i18n.js';

function keysOf(tree: LocaleTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string' ? [`${prefix}${name}`] : Array.isArray(value) ? [] : keysOf(value, `${prefix}${name}.`),
  );
}

describe('memoised translations', () => {
  it('answer every key in every language as i18next renders it, asked twice', async () => {
    let hours = { openingHours: 'mandag kl. 09.00-15.00', nextOpening: 'i morgen kl. 09.00' };
    const translations = await createTranslations('nb', undefined, { renderParams: () => hours });
    const rendered = (locale: Locale, key: string) => translations.instance.t(key, { lng: locale, ...hours });
    const keys = keysOf(readLocaleFiles().nb);
    expect(keys.length).toBeGreaterThan(100);
    for (const round of [1, 2]) {
      for (const locale of LOCALES) {
        for (const key of keys)
          expect(translations.t(locale, key), `${locale} ${key} (${round})`).toBe(rendered(locale, key));
      }
      // a coordinator saves other hours: the render params are a new object, every text is rendered afresh
      hours = { openingHours: 'fredag kl. 10.00-12.00', nextOpening: 'på fredag kl. 10.00' };
    }
  });

  it('render a kept text afresh the moment the render params change', async () => {
    let hours = { openingHours: 'mandag kl. 09.00-15.00', nextOpening: 'nå' };
    const translations = await createTranslations('nb', undefined, { renderParams: () => hours });
    const key = 'topics.helpline.hours.answerOpen';
    expect(translations.t('nb', key)).toContain('mandag kl. 09.00-15.00');
    hours = { openingHours: 'fredag kl. 10.00-12.00', nextOpening: 'nå' };
    expect(translations.t('nb', key)).toContain('fredag kl. 10.00-12.00');
    expect(translations.t('nb', key)).not.toContain('mandag');
  });

  it('keep texts without params once per language and key, and never keep texts with params', () => {
    const calls: string[] = [];
    const renderParams = { openingHours: 'x' };
    const t = memoiseUnparameterised(
      (locale, key, params) => {
        calls.push(`${locale}:${key}`);
        return `${locale}:${key}:${JSON.stringify(params ?? {})}`;
      },
      () => renderParams,
    );
    expect(t('nb', 'a')).toBe('nb:a:{}');
    expect(t('nb', 'a')).toBe('nb:a:{}');
    expect(t('nb', 'a', {})).toBe('nb:a:{}');
    expect(t('en', 'a')).toBe('en:a:{}');
    expect(calls).toEqual(['nb:a', 'en:a']);
    expect(t('nb', 'a', { name: 'Kari' })).toBe('nb:a:{"name":"Kari"}');
    expect(t('nb', 'a', { name: 'Kari' })).toBe('nb:a:{"name":"Kari"}');
    expect(calls).toEqual(['nb:a', 'en:a', 'nb:a', 'nb:a']);
  });
});
