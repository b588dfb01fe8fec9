/**
 * Bokmål, nynorsk or English, from marker words (src/nlu/data/languageMarkers.json): "ikkje", "eg",
 * "korleis" say nynorsk, "jeg", "hvordan" bokmål, "the", "what" English. When the evidence is weak
 * or tied, the conversation keeps its language, so "hei" or "ok" never switches it.
 */
import type { Locale } from '../domain/domain.js';
import type { LanguageMarkersData } from './nluData.js';
import { words } from './normalizeText.js';

export type LanguageDetector = (text: string, fallback: Locale) => Locale;

/** The order that breaks a tie the fallback is not part of. */
const PREFERENCE: readonly Locale[] = ['nb', 'nn', 'en'];

export function createLanguageDetector(data: LanguageMarkersData): LanguageDetector {
  const weights = new Map<string, Partial<Record<Locale, number>>>();
  for (const locale of PREFERENCE) {
    for (const [marker, weight] of Object.entries(data.markers[locale])) {
      for (const word of words(marker)) weights.set(word, { ...weights.get(word), [locale]: weight });
    }
  }
  return (text, fallback) => {
    const scores: Record<Locale, number> = { nb: 0, nn: 0, en: 0 };
    for (const word of words(text)) {
      const marker = weights.get(word);
      if (marker) for (const locale of PREFERENCE) scores[locale] += marker[locale] ?? 0;
    }
    const best = Math.max(scores.nb, scores.nn, scores.en);
    if (best < data.minimumScore) return fallback;
    const leaders = PREFERENCE.filter((locale) => scores[locale] === best);
    return leaders.includes(fallback) ? fallback : (leaders[0] ?? fallback);
  };
}
