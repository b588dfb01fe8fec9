/**
 * Splits a Norwegian compound into two known parts ("lonnstilskuddordning" → "lonnstilskudd" +
 * "ordning"), allowing the linking letters s and e ("arbeidsplass" = "arbeid" + s + "plass").
 * Only used for words the examples never contain, so the examples' own compounds stay whole.
 */

const MIN_PART = 3;
/** Longer "words" are not compounds but junk (a pasted link, a key mashed): not worth a search. */
const MAX_COMPOUND = 40;
const LINKING_LETTERS = ['s', 'e'];

export type CompoundSplitter = (word: string) => [string, string] | undefined;

/** `isKnown` says whether a folded word (or its stem) occurs in the examples. */
export function createCompoundSplitter(isKnown: (part: string) => boolean): CompoundSplitter {
  return (word) => {
    if (word.length > MAX_COMPOUND) return undefined;
    let best: [string, string] | undefined;
    for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut++) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      if (!isKnown(tail)) continue;
      const knownHead = isKnown(head)
        ? head
        : LINKING_LETTERS.map((letter) => (head.endsWith(letter) ? head.slice(0, -1) : '')).find(
            (stripped) => stripped.length >= MIN_PART && isKnown(stripped),
          );
      // the longest known head wins: "arbeidstrening" is "arbeid"+"trening", not "arb"+"eidstrening"
      if (knownHead !== undefined) best = [knownHead, tail];
    }
    return best;
  };
}
