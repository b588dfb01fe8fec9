/**
 * Global words (STOPP, SLETT, MENY, ...) from locales/<lng>/system.json `keywords`. They work in any
 * state and any case, in every language, so the lists of all locales are merged.
 */

import type { Keyword } from '../domain/dialogProtocol.js';
import { LOCALES } from '../domain/domain.js';
import type { Translations } from '../i18n/i18n.js';

/** system.json key → the keyword the dialog receives */
const KEYWORD_BY_LOCALE_KEY: Record<string, Keyword> = {
  stop: 'stop',
  start: 'start',
  erase: 'erase',
  menu: 'menu',
  cancel: 'cancel',
  more: 'more',
  back: 'back',
  langNb: 'lang.nb',
  langNn: 'lang.nn',
  langEn: 'lang.en',
};

export type KeywordMatcher = (text: string) => Keyword | undefined;

export function normalizeKeywordText(text: string): string {
  return text
    .trim()
    .replace(/[\s.!?,;:]+$/u, '')
    .toLocaleUpperCase('nb-NO');
}

export function createKeywordMatcher(translations: Translations): KeywordMatcher {
  const byWord = new Map<string, Keyword>();
  for (const locale of LOCALES) {
    const lists = translations.raw(locale, 'system.keywords');
    if (typeof lists !== 'object' || lists === null) continue;
    for (const [localeKey, words] of Object.entries(lists)) {
      const keyword = KEYWORD_BY_LOCALE_KEY[localeKey];
      if (!keyword || !Array.isArray(words)) continue;
      for (const word of words) {
        if (typeof word === 'string') byWord.set(normalizeKeywordText(word), keyword);
      }
    }
  }
  return (text) => byWord.get(normalizeKeywordText(text));
}
