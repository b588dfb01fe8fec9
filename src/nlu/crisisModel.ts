/**
 * The learned crisis signal beside the patterns: an L2-regularised logistic regression over a
 * message's folded, stemmed words, neighbouring word pairs and letter n-grams (3 and 4 letters,
 * so typos, ASCII for æøå, dialect and SMS spelling still share most features with the examples),
 * and the concept classes of its words (src/nlu/crisisConcepts.ts): each class, each class beside
 * its neighbouring word, and each pair of classes in the window, so "the means in a first-person
 * frame, now" is learnt as a frame and carries over to a means no example names.
 * Trained at start from src/nlu/data/crisisExamples.json and the topic examples (as non-crisis),
 * by a fixed number of passes in a fixed order: the same data always gives the same model.
 *
 * A long message is scored in overlapping windows and the highest window counts, so a crisis said
 * at the end of 1,600 characters about work is not averaged away.
 */
import type { ConceptTagger } from './crisisConcepts.js';
import { crisisTokens } from './crisisText.js';
import { stemWord } from './stemWord.js';

export interface CrisisModelSettings {
  /** passes over the training data */
  epochs: number;
  /** the first pass's learning rate; it falls as 1 / (1 + pass) */
  learningRate: number;
  /** L2 penalty per example step */
  l2: number;
  /** the lengths of the letter n-grams */
  charGrams: number[];
  /** how much more a crisis example weighs than an ordinary one */
  positiveWeight: number;
  /** words per scored window, and how far the next window starts */
  windowWords: number;
  windowStride: number;
}

/** One training message with its target: 1 crisis, 0 not, 0.5 in between (hopeless, no sign of danger). */
export interface CrisisTrainingExample {
  text: string;
  target: number;
}

export interface CrisisModel {
  /** the probability-like score (0..1) of the message's most worrying window */
  score(text: string): number;
  /** how many features the model knows (for the evaluation) */
  featureCount: number;
}

/** a word's stem, the keys of its own features (stem, letter n-grams, classes) and its classes, worked out once per word */
interface WordKeys {
  stem: string;
  keys: string[];
  classes: readonly string[];
}

/** Words recur from message to message; more distinct words than this and the cache starts again. */
const WORD_CACHE_SIZE = 20_000;

const NO_CLASSES: ConceptTagger = {
  classesOf: () => [],
  signsOf: () => new Set(),
  hasHarmlessFrame: () => false,
  hasErrandFrame: () => false,
  hasDepartureFrame: () => false,
  hasFirstPerson: () => false,
  hasSomeoneElse: () => false,
  isJoking: () => false,
};

/**
 * The feature keys of a window: stems, letter n-grams and classes of each word; pairs of
 * neighbouring words, as stems and as classes; each pair of classes anywhere in the window.
 */
function createFeatureKeys(
  charGramSizes: readonly number[],
  concepts: ConceptTagger,
): (folded: readonly string[]) => string[] {
  const cache = new Map<string, WordKeys>();
  const keysOfWord = (word: string): WordKeys => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    const stem = stemWord(word);
    const classes = concepts.classesOf(word);
    const keys = [`w:${stem}`, ...classes.map((name) => `k:${name}`)];
    const marked = `<${word}>`;
    for (const size of charGramSizes) {
      for (let start = 0; start + size <= marked.length; start++) keys.push(`c:${marked.slice(start, start + size)}`);
    }
    if (cache.size >= WORD_CACHE_SIZE) cache.clear();
    const entry = { stem, keys, classes };
    cache.set(word, entry);
    return entry;
  };
  return (folded) => {
    const keys: string[] = [];
    const words = folded.map(keysOfWord);
    const classesInWindow = new Set<string>();
    words.forEach((word, index) => {
      keys.push(...word.keys);
      for (const name of word.classes) classesInWindow.add(name);
      const next = words[index + 1];
      if (next === undefined) return;
      keys.push(`b:${word.stem} ${next.stem}`);
      for (const name of word.classes) {
        keys.push(`b:${name} ${next.stem}`);
        for (const nextName of next.classes) keys.push(`b:${name} ${nextName}`);
      }
      for (const nextName of next.classes) keys.push(`b:${word.stem} ${nextName}`);
    });
    const present = [...classesInWindow].sort();
    present.forEach((name, index) => {
      for (const other of present.slice(index + 1)) keys.push(`p:${name}+${other}`);
    });
    return keys;
  };
}

/** The word windows a message is scored in: the whole message when it is short. */
function windowsOf(text: string, settings: CrisisModelSettings): string[][] {
  const folded = crisisTokens(text);
  if (folded.length <= settings.windowWords) return [folded];
  const windows: string[][] = [];
  for (let start = 0; start < folded.length; start += settings.windowStride) {
    windows.push(folded.slice(start, start + settings.windowWords));
    if (start + settings.windowWords >= folded.length) break;
  }
  return windows;
}

/** A sparse feature vector: distinct ids with equal weights scaled to unit length. */
interface Vector {
  ids: number[];
  value: number;
}

/** A deterministic shuffle (a fixed linear congruential sequence), so training never depends on Math.random. */
function shuffledOrder(length: number, seed: number): number[] {
  const order = Array.from({ length }, (_, index) => index);
  let state = seed >>> 0;
  for (let index = length - 1; index > 0; index--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const other = state % (index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

export function trainCrisisModel(
  examples: readonly CrisisTrainingExample[],
  settings: CrisisModelSettings,
  concepts: ConceptTagger = NO_CLASSES,
): CrisisModel {
  const idOf = new Map<string, number>();
  const featureKeys = createFeatureKeys(settings.charGrams, concepts);
  /** unknown features count toward the length too, so a window of unseen words stays near the bias */
  const vectorOf = (keys: readonly string[], learn: boolean): Vector => {
    const distinct = new Set(keys);
    const ids: number[] = [];
    for (const key of distinct) {
      let id = idOf.get(key);
      if (id === undefined && learn) {
        id = idOf.size;
        idOf.set(key, id);
      }
      if (id !== undefined) ids.push(id);
    }
    return { ids, value: distinct.size === 0 ? 0 : 1 / Math.sqrt(distinct.size) };
  };
  const vectors = examples.map((example) => vectorOf(featureKeys(crisisTokens(example.text)), true));
  const weights = new Float64Array(idOf.size);
  let bias = 0;
  const { positiveWeight } = settings;

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const rate = settings.learningRate / (1 + epoch);
    for (const index of shuffledOrder(examples.length, epoch + 1)) {
      const vector = vectors[index] as Vector;
      const target = (examples[index] as CrisisTrainingExample).target;
      let sum = bias;
      for (const id of vector.ids) sum += (weights[id] as number) * vector.value;
      const error = sigmoid(sum) - target;
      const weight = target * positiveWeight + (1 - target);
      const step = rate * error * weight;
      for (const id of vector.ids) {
        weights[id] = (weights[id] as number) * (1 - rate * settings.l2) - step * vector.value;
      }
      bias -= step;
    }
  }

  const scoreWindow = (folded: readonly string[]) => {
    const vector = vectorOf(featureKeys(folded), false);
    let sum = bias;
    for (const id of vector.ids) sum += (weights[id] as number) * vector.value;
    return sigmoid(sum);
  };
  return {
    score: (text) => windowsOf(text, settings).reduce((highest, window) => Math.max(highest, scoreWindow(window)), 0),
    featureCount: idOf.size,
  };
}
