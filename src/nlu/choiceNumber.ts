/**
 * The number a reply picks at a numbered menu: "2", "2.", "nr 2", or a number word in bokmål, nynorsk
 * or English ("to", "en", "ett", "ein", "eitt", "tre", "two"). Only when that is the whole reply, so
 * "to ting" or "en mentor" are words, not picks.
 */
import { foldedWords } from './normalizeText.js';

/** folded number words (åtte → atte) */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  en: 1,
  ett: 1,
  ein: 1,
  eitt: 1,
  one: 1,
  to: 2,
  two: 2,
  tre: 3,
  three: 3,
  fire: 4,
  four: 4,
  fem: 5,
  five: 5,
  seks: 6,
  six: 6,
  sju: 7,
  syv: 7,
  seven: 7,
  atte: 8,
  eight: 8,
  ni: 9,
  nine: 9,
  ti: 10,
  ten: 10,
};
/** words that may come before the number: "nr 2", "nummer to", "alternativ 3" */
const NUMBER_PREFIXES = new Set(['nr', 'nummer', 'number', 'no', 'alternativ', 'valg', 'option']);
const DIGITS = /^\d{1,2}$/u;
/** only letters, digits, spaces and the punctuation of "2." or "2)" */
const PLAIN_REPLY = /^[\p{L}\p{N}\s.,!)]*$/u;

export function choiceNumberOf(text: string): number | undefined {
  if (!PLAIN_REPLY.test(text)) return undefined;
  const words = foldedWords(text);
  const [first, second] = words;
  const word = words.length === 2 && first !== undefined && NUMBER_PREFIXES.has(first) ? second : first;
  if (word === undefined || words.length > 2 || (words.length === 2 && word === first)) return undefined;
  if (DIGITS.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}
