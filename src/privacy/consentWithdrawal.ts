/**
 * "Ikke del samtalen": the person takes back their consent to a mentor reading the bot conversation.
 * The phrases are in locales/<lng>/system.json `consentWithdrawal`, merged across languages (people
 * switch). Matching forgives how the words arrive: any case, decomposed or compatibility characters
 * (NFKC), typographic apostrophes or none ("don’t", "dont"), zero-width characters, punctuation and
 * extra spaces; a phrase counts when it stands as whole words in the message.
 */
import { LOCALES } from '../domain/domain.js';
import type { Translations } from '../i18n/i18n.js';

export type ConsentWithdrawalMatcher = (text: string) => boolean;

/** lowercase words separated by single spaces: the form phrases and messages are compared in */
export function normalizeForPhrases(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('nb-NO')
    .replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/gu, '')
    .replace(/['’‘`´ʼ]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function createConsentWithdrawalMatcher(translations: Translations): ConsentWithdrawalMatcher {
  const phrases = new Set<string>();
  for (const locale of LOCALES) {
    const listed = translations.raw(locale, 'system.consentWithdrawal');
    if (!Array.isArray(listed)) continue;
    for (const phrase of listed) if (typeof phrase === 'string') phrases.add(normalizeForPhrases(phrase));
  }
  const patterns = [...phrases].filter(Boolean);
  return (text) => {
    // a phrase is a few words: a huge message is not read past its start
    const words = ` ${normalizeForPhrases(text.slice(0, 2000))} `;
    return patterns.some((phrase) => words.includes(` ${phrase} `));
  };
}
