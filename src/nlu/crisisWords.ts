/**
 * The words of all crisis patterns, and which of them each word of a message matches, typos
 * included. A typo lookup must not cost a comparison with every pattern word: words that allow one
 * typo are indexed under their forms with one letter deleted (symmetric delete: a word one edit
 * away shares such a form), and the few long words that allow two typos are looked up by length.
 * Only those candidates are checked with the real edit distance.
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
/** how many distinct message words the lookup cache holds before it starts again */
const TOKEN_CACHE_SIZE = 20_000;

interface PatternWord {
  /** the folded word or prefix */
  word: string;
  prefix: boolean;
  allowedEdits: number;
  /** whether a typo must keep the length (a wrong letter, nothing missing or extra) */
  sameLength: boolean;
}

/**
 * `matches[tokenIndex * wordCount + wordId]` says whether that token matches that pattern word;
 * `anywhere[wordId]` whether any token does (most patterns fail on that alone).
 */
export interface TokenMatches {
  matches: Uint8Array;
  anywhere: Uint8Array;
  wordCount: number;
  tokenCount: number;
}

/** The word and its forms with one letter deleted. */
function withOneDeletion(word: string): Set<string> {
  const forms = new Set([word]);
  for (let index = 0; index < word.length; index++) forms.add(word.slice(0, index) + word.slice(index + 1));
  return forms;
}

export class CrisisWords {
  private readonly words: PatternWord[] = [];
  private readonly idOfWritten = new Map<string, number>();
  private readonly exactIds = new Map<string, number[]>();
  /** words allowing one typo, under their one-letter deletions */
  private readonly oneTypoIdsByForm = new Map<string, number[]>();
  /** a longer token is no typo of a one-typo word (and long junk stays cheap) */
  private longestOneTypoWord = 0;
  /** words allowing two typos, by length */
  private readonly twoTyposIdsByLength = new Map<number, number[]>();
  private readonly prefixIds: number[] = [];
  /** the ids each recently seen message word matches: most words recur from message to message */
  private readonly idsOfToken = new Map<string, number[]>();

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
    this.idsOfToken.clear();
    this.words.push({ word, prefix, allowedEdits, sameLength: word.length < ONE_TYPO_ANY_KIND_LENGTH });
    this.idOfWritten.set(written, id);
    if (prefix) this.prefixIds.push(id);
    else {
      this.exactIds.set(word, [...(this.exactIds.get(word) ?? []), id]);
      if (allowedEdits === 1) {
        this.longestOneTypoWord = Math.max(this.longestOneTypoWord, word.length + 1);
        for (const form of withOneDeletion(word))
          this.oneTypoIdsByForm.set(form, [...(this.oneTypoIdsByForm.get(form) ?? []), id]);
      } else if (allowedEdits === 2) {
        this.twoTyposIdsByLength.set(word.length, [...(this.twoTyposIdsByLength.get(word.length) ?? []), id]);
      }
    }
    return id;
  }

  match(tokens: readonly string[]): TokenMatches {
    const wordCount = this.words.length;
    const matches = new Uint8Array(tokens.length * wordCount);
    const anywhere = new Uint8Array(wordCount);
    const mark = (row: number, id: number) => {
      matches[row + id] = 1;
      anywhere[id] = 1;
    };
    tokens.forEach((token, tokenIndex) => {
      const row = tokenIndex * wordCount;
      for (const id of this.idsOf(token)) mark(row, id);
    });
    return { matches, anywhere, wordCount, tokenCount: tokens.length };
  }

  /** the ids of the pattern words one message word matches, from the cache when the word was seen */
  idsOf(token: string): readonly number[] {
    let ids = this.idsOfToken.get(token);
    if (ids === undefined) {
      ids = this.idsMatching(token);
      // bounded, so a stream of junk words cannot grow it without end
      if (this.idsOfToken.size >= TOKEN_CACHE_SIZE) this.idsOfToken.clear();
      this.idsOfToken.set(token, ids);
    }
    return ids;
  }

  private idsMatching(token: string): number[] {
    const ids = new Set<number>(this.exactIds.get(token) ?? []);
    for (const form of token.length > this.longestOneTypoWord ? [] : withOneDeletion(token)) {
      for (const id of this.oneTypoIdsByForm.get(form) ?? []) {
        if (!ids.has(id) && this.withinTypos(this.words[id] as PatternWord, token)) ids.add(id);
      }
    }
    for (let length = token.length - 2; length <= token.length + 2; length++) {
      for (const id of this.twoTyposIdsByLength.get(length) ?? []) {
        if (!ids.has(id) && this.withinTypos(this.words[id] as PatternWord, token)) ids.add(id);
      }
    }
    for (const id of this.prefixIds) if (this.prefixMatches(this.words[id] as PatternWord, token)) ids.add(id);
    return [...ids];
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
