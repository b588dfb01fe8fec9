/**
 * Whole-message keywords decided without the model (src/nlu/data/keywords.json): STOPP, SLETT, MENY,
 * ja, nei and their variants. Matched on folded words, so "JA!", "ja." and "Nei takk" all count.
 */
import type { IntentId } from '../domain/domain.js';
import { foldedWords } from './normalizeText.js';

export type KeywordRules = (text: string) => IntentId | undefined;

export function createKeywordRules(keywords: Partial<Record<IntentId, string[]>>): KeywordRules {
  const intentOf = new Map<string, IntentId>();
  for (const [intent, phrases] of Object.entries(keywords) as Array<[IntentId, string[]]>) {
    for (const phrase of phrases) intentOf.set(foldedWords(phrase).join(' '), intent);
  }
  return (text) => intentOf.get(foldedWords(text).join(' '));
}
