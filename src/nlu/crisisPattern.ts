/**
 * One crisis pattern from data/nlu/crisisPatterns.json, compiled: slots of alternative words that
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

  /** whether slots[slotIndex...] match, the previous slot having matched the token at `after - 1` */
  function matchFrom(table: TokenMatches, slotIndex: number, after: number): boolean {
    const slot = slots[slotIndex];
    if (slot === undefined) return true;
    if (slot.orEnd && table.tokenCount - after <= maxGap) return true;
    const last = Math.min(table.tokenCount - 1, after + maxGap);
    for (let index = after; index <= last; index++) {
      if (slotMatches(slot, table, index) && matchFrom(table, slotIndex + 1, index + 1)) return true;
    }
    return false;
  }

  const wordSlots = slots.filter((slot) => slot.wordIds.length > 0);
  return {
    source,
    matches(table) {
      // a slot none of whose words occurs anywhere can only be passed at the end of the message
      if (wordSlots.some((slot) => !slot.orEnd && !slot.wordIds.some((id) => table.anywhere[id] === 1))) return false;
      for (let index = 0; index < table.tokenCount; index++) {
        if (slotMatches(first, table, index) && matchFrom(table, 1, index + 1)) return true;
      }
      return false;
    },
  };
}
