/**
 * Snowball's Norwegian stemmer (snowballstem.org, the algorithm of the snowball-stemmers package),
 * written out directly: the package's generated code takes tens of milliseconds to warm up, which
 * alone would eat a third of the classifier's start-up budget. A test checks that both give the
 * same stems on every word of the examples.
 *
 * The stem is taken twice, because one pass is not stable for some words ("lederen" → "leder" →
 * "led") and the model needs every form of a word to end in the same stem.
 */

const VOWELS = new Set('aeiouyæåø');
/** letters after which a final -s is an ending */
const S_ENDING = new Set('bcdfghjlmnoprtvyz');
const byLongestFirst = (a: string, b: string) => b.length - a.length;
const MAIN_SUFFIXES =
  'a e ede ande ende ane ene hetene erte en heten ar er heter s as es edes endes enes hetenes ens hetens ers ets et het ert ast'
    .split(' ')
    .sort(byLongestFirst);
const OTHER_SUFFIXES = 'leg eleg ig eig lig elig els lov elov slov hetslov'.split(' ').sort(byLongestFirst);

/** R1: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function regionStart(word: string): number {
  if (word.length < 3) return word.length;
  let index = 0;
  while (index < word.length && !VOWELS.has(word.charAt(index))) index++;
  while (index < word.length && VOWELS.has(word.charAt(index))) index++;
  if (index >= word.length) return word.length;
  return Math.max(index + 1, 3);
}

/** the longest of `suffixes` that the word ends with inside R1 */
function suffixIn(word: string, region: number, suffixes: readonly string[]): string | undefined {
  return suffixes.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= region);
}

function stemOnce(word: string): string {
  const region = regionStart(word);
  let stem = word;
  const main = suffixIn(stem, region, MAIN_SUFFIXES);
  if (main === 'erte' || main === 'ert') stem = `${stem.slice(0, -main.length)}er`;
  else if (main === 's') {
    const before = stem.charAt(stem.length - 2);
    const beforeK = stem.length >= 3 ? stem.charAt(stem.length - 3) : '';
    if (S_ENDING.has(before) || (before === 'k' && beforeK !== '' && !VOWELS.has(beforeK))) stem = stem.slice(0, -1);
  } else if (main !== undefined) stem = stem.slice(0, -main.length);
  if ((stem.endsWith('dt') || stem.endsWith('vt')) && stem.length - 2 >= region) stem = stem.slice(0, -1);
  const other = suffixIn(stem, region, OTHER_SUFFIXES);
  return other === undefined ? stem : stem.slice(0, -other.length);
}

/** Stems already taken: people use the same words again and again. Bounded, so odd input cannot grow it. */
const REMEMBERED_STEMS = 20_000;
const remembered = new Map<string, string>();

export function stemWord(foldedWord: string): string {
  const known = remembered.get(foldedWord);
  if (known !== undefined) return known;
  const once = stemOnce(foldedWord);
  const stem = once === foldedWord ? once : stemOnce(once);
  if (remembered.size >= REMEMBERED_STEMS) remembered.clear();
  remembered.set(foldedWord, stem);
  return stem;
}
