/**
 * Finds the known word a misspelled word was meant to be ("lønnstilskud" → "lonnstilskudd").
 * Symmetric-delete lookup (the idea behind SymSpell): every known word is indexed under itself and
 * the forms with one letter removed, so a word with one typo (a letter missing, extra, swapped or
 * wrong) shares an index key with its intended word. Candidates are then checked with the real edit
 * distance, and the most frequent known word wins a tie. A lookup costs a few map reads, not a scan.
 */
import { distance } from 'fastest-levenshtein';

/** Shorter words are too easily turned into another real word. */
const MIN_LENGTH = 4;
/** From this length on, a swap of two letters (edit distance 2) is accepted too. */
const LONG_WORD = 7;

export type TypoCorrector = (word: string) => string | undefined;

function deletions(word: string): string[] {
  const forms = [word];
  for (let index = 0; index < word.length; index++) forms.push(word.slice(0, index) + word.slice(index + 1));
  return forms;
}

/** `frequencies`: known word → how often it occurs in the examples (breaks ties). */
export function createTypoCorrector(frequencies: ReadonlyMap<string, number>): TypoCorrector {
  const byKey = new Map<string, string[]>();
  for (const word of frequencies.keys()) {
    if (word.length < MIN_LENGTH - 1) continue;
    for (const key of new Set(deletions(word))) {
      const bucket = byKey.get(key);
      if (bucket) bucket.push(word);
      else byKey.set(key, [word]);
    }
  }
  const longest = Math.max(0, ...[...frequencies.keys()].map((word) => word.length));
  return (word) => {
    // a word more than two letters longer than every known word is no typo of one (and long junk stays cheap)
    if (word.length < MIN_LENGTH || word.length > longest + 2) return undefined;
    const allowed = word.length >= LONG_WORD ? 2 : 1;
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    let bestFrequency = 0;
    for (const key of new Set(deletions(word))) {
      for (const candidate of byKey.get(key) ?? []) {
        const edits = distance(word, candidate);
        const frequency = frequencies.get(candidate) ?? 0;
        if (edits > allowed || edits > bestDistance) continue;
        if (edits < bestDistance || frequency > bestFrequency) {
          best = candidate;
          bestDistance = edits;
          bestFrequency = frequency;
        }
      }
    }
    return best;
  };
}
