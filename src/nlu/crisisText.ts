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
