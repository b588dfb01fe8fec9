/**
 * Many people send the same short messages word for word ("Hei", "1", "MENY", "takk", "Kan noen
 * ringe meg?"), and classifying one reads the whole model each time. The classifier is a pure
 * function of the text, the conversation's language and whether a yes/no answer is expected, so a
 * short message's result is kept under exactly those (no normalising: nothing the classifier or the
 * crisis assessment reads is left out of the key) in a bounded least-recently-used map. Longer
 * messages are classified every time: they seldom repeat, and need not sit in memory.
 * Kept results are frozen, so no caller can change what another turn gets.
 */
import type { Classification, Classifier } from '../domain/domain.js';

/** longer messages are classified every time */
export const CACHED_TEXT_MAX_CHARS = 40;
export const CACHED_RESULTS = 2000;

export function cacheShortClassifications(classify: Classifier, capacity = CACHED_RESULTS): Classifier {
  const kept = new Map<string, Classification>();
  return (text, context) => {
    if (text.length > CACHED_TEXT_MAX_CHARS) return classify(text, context);
    const key = `${context?.locale ?? ''}\u0000${context?.expectsYesNo === true ? 'y' : ''}\u0000${text}`;
    const found = kept.get(key);
    if (found) {
      // most recently used last: the first key is the one to let go
      kept.delete(key);
      kept.set(key, found);
      return found;
    }
    const result = frozen(classify(text, context));
    kept.set(key, result);
    if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
    return result;
  };
}

function frozen(result: Classification): Classification {
  for (const guess of result.guesses ?? []) Object.freeze(guess);
  if (result.guesses) Object.freeze(result.guesses);
  return Object.freeze(result);
}
