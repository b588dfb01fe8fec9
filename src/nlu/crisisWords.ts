/**
 * The words of all crisis patterns, and which of them each word of a message matches, typos
 * included. A typo lookup must not cost a comparison with every pattern word, so words are indexed
 * under their forms with one or two letters deleted (symmetric delete): a word within edit
 * distance k of a pattern word shares such a form with it, and only those few candidates are
 * checked with the real edit distance.
 */
import { distance } from 'fastest-levenshtein';
import { foldedWords } from './normalizeText.js';

/**
 * Words this long tolerate one typo, and from TWO_TYPOS_LENGTH on two. Four-letter words only
 * tolerate a wrong letter ("lebe" for "leve"), not a missing or extra one ("sende" is not "ende").
 */
const ONE_TYPO_LENGTH = 4;
const ONE_TYPO_ANY_KIND_LENGTH = 5;
const TWO_TYPOS_LENGTH = 8;

interface PatternWord {
  /** the folded word or prefix */
  word: string;
  prefix: boolean;
  allowedEdits: number;
  /** whether a typo must keep the length (a wrong letter, nothing missing or extra) */
  sameLength: boolean;
}

/** `matches[tokenIndex * wordCount + wordId]` says whether that token matches that pattern word. */
export interface TokenMatches {
  matches: Uint8Array;
  wordCount: number;
  tokenCount: number;
}

/** The forms of a word with up to `depth` letters deleted, itself included. */
function deletions(word: string, depth: number): Set<string> {
  const forms = new Set([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const form of frontier) {
      for (let index = 0; index < form.length; index++) {
        const shorter = form.slice(0, index) + form.slice(index + 1);
        if (!forms.has(shorter)) {
          forms.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return forms;
}

export class CrisisWords {
  private readonly words: PatternWord[] = [];
  private readonly idOfWritten = new Map<string, number>();
  private readonly exactIds = new Map<string, number[]>();
  private readonly fuzzyIdsByForm = new Map<string, number[]>();
  private readonly prefixIds: number[] = [];
  /** the shortest word each edit depth applies to: a token more than that many letters shorter cannot match */
  private readonly shortestWithEdits = [0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];

  get count(): number {
    return this.words.length;
  }

  /** The id of a pattern word as written in the data file: `word`, `word!` (exact), `word*` (prefix). */
  add(written: string): number {
    const known = this.idOfWritten.get(written);
    if (known !== undefined) return known;
    const exact = written.includes('!');
    const prefix = written.includes('*');
    const word = foldedWords(written.replace(/[!*]+$/u, '')).join('');
    if (word === '') throw new Error(`crisis pattern word "${written}" has no letters`);
    const allowedEdits = exact || word.length < ONE_TYPO_LENGTH ? 0 : word.length >= TWO_TYPOS_LENGTH ? 2 : 1;
    const id = this.words.length;
    this.words.push({ word, prefix, allowedEdits, sameLength: word.length < ONE_TYPO_ANY_KIND_LENGTH });
    this.idOfWritten.set(written, id);
    if (prefix) this.prefixIds.push(id);
    else {
      this.exactIds.set(word, [...(this.exactIds.get(word) ?? []), id]);
      if (allowedEdits > 0) {
        for (const form of deletions(word, allowedEdits))
          this.fuzzyIdsByForm.set(form, [...(this.fuzzyIdsByForm.get(form) ?? []), id]);
        this.shortestWithEdits[allowedEdits] = Math.min(this.shortestWithEdits[allowedEdits] as number, word.length);
      }
    }
    return id;
  }

  match(tokens: readonly string[]): TokenMatches {
    const wordCount = this.words.length;
    const matches = new Uint8Array(tokens.length * wordCount);
    tokens.forEach((token, tokenIndex) => {
      const row = tokenIndex * wordCount;
      for (const id of this.exactIds.get(token) ?? []) matches[row + id] = 1;
      for (const form of deletions(token, this.editDepthFor(token))) {
        for (const id of this.fuzzyIdsByForm.get(form) ?? []) {
          if (matches[row + id] === 0 && this.withinTypos(this.words[id] as PatternWord, token)) matches[row + id] = 1;
        }
      }
      for (const id of this.prefixIds)
        if (this.prefixMatches(this.words[id] as PatternWord, token)) matches[row + id] = 1;
    });
    return { matches, wordCount, tokenCount: tokens.length };
  }

  /** how many deletions of a token can lead to a pattern word: 2 only near the long words that allow two typos */
  private editDepthFor(token: string): number {
    if (token.length + 2 >= (this.shortestWithEdits[2] as number)) return 2;
    return token.length + 1 >= (this.shortestWithEdits[1] as number) ? 1 : 0;
  }

  private withinTypos({ word, allowedEdits, sameLength }: PatternWord, token: string): boolean {
    if (sameLength && token.length !== word.length) return false;
    return Math.abs(token.length - word.length) <= allowedEdits && distance(token, word) <= allowedEdits;
  }

  /** the token starts with the prefix, or with a misspelling of it (a little shorter or longer) */
  private prefixMatches({ word, allowedEdits }: PatternWord, token: string): boolean {
    if (token.startsWith(word)) return true;
    if (
      allowedEdits === 0 ||
      !(token.charAt(0) === word.charAt(0) || token.charAt(0) === word.charAt(1) || token.charAt(1) === word.charAt(0))
    ) {
      return false;
    }
    for (let length = word.length - allowedEdits; length <= word.length + allowedEdits; length++) {
      if (length <= token.length && distance(token.slice(0, length), word) <= allowedEdits) return true;
    }
    return false;
  }
}
