/**
 * One crisis pattern from src/nlu/data/crisisPatterns.json, compiled: slots of alternative words that
 * must occur in order with at most `maxGap` words between them (see the file's "about" for the
 * syntax). Which message word matches which pattern word is worked out once per message by
 * CrisisWords; a pattern only walks that table.
 */
import type { CrisisWords, TokenMatches } from './crisisWords.js';

/** a slot matches one of its words, or (with `orEnd`, written `|$`) the end of the message */
interface Slot {
  wordIds: number[];
  orEnd: boolean;
}

export interface CrisisPattern {
  source: string;
  matches(table: TokenMatches): boolean;
  /** where it matches: [first token, one past the last] for each token a match starts at */
  spans(table: TokenMatches): Array<[number, number]>;
}

export function compileCrisisPattern(source: string, maxGap: number, words: CrisisWords): CrisisPattern {
  const slots: Slot[] = source
    .trim()
    .split(/\s+/u)
    .map((slot): Slot => {
      const alternatives = slot.split('|');
      return {
        wordIds: alternatives.filter((word) => word !== '$').map((word) => words.add(word)),
        orEnd: alternatives.includes('$'),
      };
    });
  const first = slots[0];
  if (first === undefined || first.orEnd) throw new Error(`crisis pattern "${source}" must start with a word`);

  function slotMatches(slot: Slot, table: TokenMatches, tokenIndex: number): boolean {
    const row = tokenIndex * table.wordCount;
    return slot.wordIds.some((id) => table.matches[row + id] === 1);
  }

  /** where slots[slotIndex...] end when they match after the token at `after - 1`, or -1 */
  function endOfMatch(table: TokenMatches, slotIndex: number, after: number): number {
    const slot = slots[slotIndex];
    if (slot === undefined) return after;
    if (slot.orEnd && table.tokenCount - after <= maxGap) return table.tokenCount;
    const last = Math.min(table.tokenCount - 1, after + maxGap);
    for (let index = after; index <= last; index++) {
      if (!slotMatches(slot, table, index)) continue;
      const end = endOfMatch(table, slotIndex + 1, index + 1);
      if (end >= 0) return end;
    }
    return -1;
  }

  const wordSlots = slots.filter((slot) => slot.wordIds.length > 0);
  /** a slot none of whose words occurs anywhere can only be passed at the end of the message */
  const impossible = (table: TokenMatches) =>
    wordSlots.some((slot) => !slot.orEnd && !slot.wordIds.some((id) => table.anywhere[id] === 1));
  return {
    source,
    matches(table) {
      if (impossible(table)) return false;
      for (let index = 0; index < table.tokenCount; index++) {
        if (slotMatches(first, table, index) && endOfMatch(table, 1, index + 1) >= 0) return true;
      }
      return false;
    },
    spans(table) {
      const spans: Array<[number, number]> = [];
      if (impossible(table)) return spans;
      for (let index = 0; index < table.tokenCount; index++) {
        const end = slotMatches(first, table, index) ? endOfMatch(table, 1, index + 1) : -1;
        if (end >= 0) spans.push([index, end]);
      }
      return spans;
    },
  };
}
