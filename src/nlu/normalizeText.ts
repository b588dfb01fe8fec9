/**
 * The first step for everything the NLU reads: one spelling for the many ways people type the same
 * word. Case, accents, `æøå` versus their ASCII stand-ins (`ae`, `o`/`oe`, `aa`) and stretched
 * letters ("heeeei") all collapse, so "Lønnstilskudd" and "lonnstilskudd" become the same token.
 */

/** Accents that are not part of Norwegian spelling (é, ò, ü); U+030A (the ring of å) is kept. */
const FOREIGN_ACCENTS = /[\u0300-\u0309\u030B-\u036F]/gu;
const APOSTROPHES = /['’`´]/gu;
const STRETCHED_LETTER = /(\p{L})\1{2,}/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, NFC, foreign accents and apostrophes removed ("don't" → "dont"), "heeei" → "heei". */
function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(FOREIGN_ACCENTS, '')
    .normalize('NFC')
    .toLocaleLowerCase('nb-NO')
    .replace(APOSTROPHES, '')
    .replace(STRETCHED_LETTER, '$1$1');
}

/** The words of a text, normalized but with `æøå` kept (language markers need them). */
export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

const NEEDS_FOLDING = /[æøå]|aa|oe/u;

/** One ASCII spelling for `æøå` and their stand-ins: "være"/"vaere" → "vaere", "på"/"paa" → "pa". */
function foldLetters(word: string): string {
  if (!NEEDS_FOLDING.test(word)) return word;
  return word.replace(/æ/gu, 'ae').replace(/ø/gu, 'o').replace(/å/gu, 'a').replace(/aa/gu, 'a').replace(/oe/gu, 'o');
}

/** The folded words of a text: what the intent model and crisis patterns match on. */
export function foldedWords(text: string): string[] {
  return words(text).map(foldLetters);
}
