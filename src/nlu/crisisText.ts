/**
 * The words crisis detection reads: the folded words every part of the NLU uses, with leet and
 * SMS digits read as the letters they stand for ("v1l 1kke l3ve" → "vil ikke leve", "d0" → "do"),
 * so a person who hides the word from others is not hidden from the detector. Numbers ("30",
 * "12", "11.") and words with a run of digits ("2etg", "b12") stay as they are.
 */
import { foldedWords } from './normalizeText.js';

const LEET_LETTER: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const HAS_LETTERS = /\p{L}/u;
const LONE_LEET_DIGIT = /[013457]/u;
const DIGIT_RUN = /\p{N}{2}/u;

function readLeet(word: string): string {
  if (!LONE_LEET_DIGIT.test(word) || DIGIT_RUN.test(word) || !HAS_LETTERS.test(word)) return word;
  return word.replace(/[013457]/gu, (digit) => LEET_LETTER[digit] ?? digit);
}

export function crisisTokens(text: string): string[] {
  return foldedWords(text).map(readLeet);
}

/** the end of a sentence: . ! ? … or ; followed by space (not the dot of "12. etasje"), or a line break */
const SENTENCE_END = /(?<=[.!?…;])(?<!\p{N}\.)\s+|\n+/u;

/**
 * A message's sentences, when it has more than one: a crisis said in one sentence after a question
 * about work is scored on its own too, so the work words around it do not drown it.
 */
export function crisisSentences(text: string): string[] {
  const sentences = text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => crisisTokens(sentence).length > 0);
  return sentences.length > 1 ? sentences : [];
}
