/**
 * The intent model: every example becomes a TF-IDF vector (features weighted by how rare they are
 * across the examples), and a message is scored per intent by cosine similarity to that intent's
 * nearest examples and to its centroid. Explainable by construction: the score of an intent is
 * how much the message resembles the examples staff wrote for it, and the nearest one is at hand.
 */
import type { IntentId } from '../domain/domain.js';
import { type CountedFeatures, FEATURE_KINDS, type FeatureSettings, FeatureSpace } from './featureSpace.js';

export interface IndexSettings extends FeatureSettings {
  /** how many nearest examples of an intent are averaged */
  neighbours: number;
  /** the intent score: nearest example, mean of the nearest `neighbours`, and the centroid */
  blend: { nearest: number; neighbours: number; centroid: number };
}

export interface IndexedExample {
  text: string;
  intent: IntentId;
  tokens: readonly string[];
}

export interface IntentScore {
  intent: IntentId;
  score: number;
  /** the example of this intent most like the message */
  nearest: string;
}

export interface IntentIndex {
  /** every intent with examples, best first */
  rank(tokens: readonly string[], blend?: IndexSettings['blend']): IntentScore[];
  /**
   * How much a text says about which intent it is: the sum, over its distinct known words, of how
   * focused each word is on few intents (1 − the entropy of its spread over the intents, relative to
   * an even spread): `kurs` or `lønnstilskudd` add nearly 1, `jeg`, `hvordan`, `det` nearly 0.
   */
  information(tokens: readonly string[]): number;
}

/** A sparse vector: feature ids (-1 for a feature no example has) and their weights. */
interface Vector {
  ids: number[];
  weights: number[];
}

/**
 * For each feature id, who has it (an example or an intent's centroid) and with what weight, in one
 * flat array per field (compressed sparse rows): feature `id` owns positions start[id]..start[id+1].
 */
interface Postings {
  start: Int32Array;
  owners: Int32Array;
  weights: Float64Array;
}

/** Empty postings with room for `perFeature[id]` entries of each feature. */
function allocatePostings(perFeature: ArrayLike<number>): Postings & { next: Int32Array } {
  const start = new Int32Array(perFeature.length + 1);
  for (let id = 0; id < perFeature.length; id++) start[id + 1] = (start[id] as number) + (perFeature[id] as number);
  const total = start[perFeature.length] as number;
  return {
    start,
    owners: new Int32Array(total),
    weights: new Float64Array(total),
    next: start.slice(0, perFeature.length),
  };
}

function addPosting(postings: Postings & { next: Int32Array }, id: number, owner: number, weight: number): void {
  const position = postings.next[id] as number;
  postings.next[id] = position + 1;
  postings.owners[position] = owner;
  postings.weights[position] = weight;
}

function dotProducts(query: Vector, postings: Postings, size: number): Float64Array {
  const sums = new Float64Array(size);
  const { start, owners, weights } = postings;
  for (let position = 0; position < query.ids.length; position++) {
    const id = query.ids[position] as number;
    if (id < 0) continue;
    const weight = query.weights[position] as number;
    const end = start[id + 1] as number;
    for (let index = start[id] as number; index < end; index++) {
      const owner = owners[index] as number;
      sums[owner] = (sums[owner] as number) + weight * (weights[index] as number);
    }
  }
  return sums;
}

/**
 * Per word feature, how focused it is on few intents: 1 − the entropy of its spread over the intents
 * (each intent's share counted relative to its number of examples) divided by that of an even spread.
 * Letter n-grams and word pairs get 0 (only words are read).
 */
function focusOfWords(
  countedExamples: readonly CountedFeatures[],
  exampleIntent: Int32Array,
  intentCount: number,
  features: number,
): Float64Array {
  const intentSizes = new Float64Array(intentCount);
  for (const intent of exampleIntent) intentSizes[intent] = (intentSizes[intent] as number) + 1;
  const spreads = new Map<number, Float64Array>();
  countedExamples.forEach((counted, owner) => {
    const intent = exampleIntent[owner] as number;
    counted.ids.forEach((id, position) => {
      if (FEATURE_KINDS[counted.kinds[position] as number] !== 'word') return;
      const spread = spreads.get(id) ?? new Float64Array(intentCount);
      spreads.set(id, spread);
      spread[intent] = (spread[intent] as number) + 1 / (intentSizes[intent] as number);
    });
  });
  const focus = new Float64Array(features);
  const even = Math.log(intentCount);
  for (const [id, spread] of spreads) {
    const total = spread.reduce((sum, value) => sum + value, 0);
    let entropy = 0;
    for (const value of spread) if (value > 0) entropy -= (value / total) * Math.log(value / total);
    focus[id] = even > 0 ? 1 - entropy / even : 1;
  }
  return focus;
}

export function createIntentIndex(examples: readonly IndexedExample[], settings: IndexSettings): IntentIndex {
  const space = new FeatureSpace(settings);
  const countedExamples = examples.map((example) => space.count(example.tokens, true));
  const { documentFrequency } = space;
  const unseenIdf = Math.log(examples.length + 1) + 1;
  const idfs = documentFrequency.map((frequency) => Math.log((examples.length + 1) / (frequency + 1)) + 1);
  const kindWeights = FEATURE_KINDS.map((kind) => settings.weights[kind]);

  /** sublinear tf × idf, each kind of feature scaled to its weight, the whole of unit length */
  function weigh({ ids, counts, kinds }: CountedFeatures): Vector {
    const weights = new Array<number>(ids.length);
    const squaredByKind = [0, 0, 0];
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index] as number;
      const value = (1 + Math.log(counts[index] as number)) * (id < 0 ? unseenIdf : (idfs[id] as number));
      weights[index] = value;
      const kind = kinds[index] as number;
      squaredByKind[kind] = (squaredByKind[kind] as number) + value * value;
    }
    const scales = squaredByKind.map((squared, kind) =>
      squared > 0 ? (kindWeights[kind] as number) / Math.sqrt(squared) : 0,
    );
    let squaredLength = 0;
    for (let index = 0; index < weights.length; index++) {
      const scaled = (weights[index] as number) * (scales[kinds[index] as number] as number);
      weights[index] = scaled;
      squaredLength += scaled * scaled;
    }
    const length = Math.sqrt(squaredLength) || 1;
    for (let index = 0; index < weights.length; index++) weights[index] = (weights[index] as number) / length;
    return { ids, weights };
  }

  const intents = [...new Set(examples.map((example) => example.intent))];
  const intentNumber = new Map(intents.map((intent, index) => [intent, index]));
  const exampleIntent = Int32Array.from(examples, (example) => intentNumber.get(example.intent) as number);
  const features = space.size;
  // every feature has one posting per example that has it, so the postings can be laid out first
  const examplePostings = allocatePostings(documentFrequency);
  const centroidSums = intents.map(() => new Float64Array(features));
  countedExamples.forEach((counted, owner) => {
    const vector = weigh(counted);
    const sum = centroidSums[exampleIntent[owner] as number] as Float64Array;
    for (let position = 0; position < vector.ids.length; position++) {
      const id = vector.ids[position] as number;
      const weight = vector.weights[position] as number;
      addPosting(examplePostings, id, owner, weight);
      sum[id] = (sum[id] as number) + weight;
    }
  });
  const centroidsPerFeature = new Int32Array(features);
  for (const sum of centroidSums) {
    for (let id = 0; id < features; id++)
      if (sum[id] !== 0) centroidsPerFeature[id] = (centroidsPerFeature[id] as number) + 1;
  }
  const centroidPostings = allocatePostings(centroidsPerFeature);
  centroidSums.forEach((sum, owner) => {
    const length = Math.sqrt(sum.reduce((total, value) => total + value * value, 0)) || 1;
    for (let id = 0; id < features; id++) {
      const value = sum[id] as number;
      if (value !== 0) addPosting(centroidPostings, id, owner, value / length);
    }
  });

  const wordFocus = focusOfWords(countedExamples, exampleIntent, intents.length, features);

  const { neighbours } = settings;
  return {
    information(tokens) {
      let sum = 0;
      for (const token of new Set(tokens)) {
        const id = space.wordId(token);
        if (id >= 0) sum += wordFocus[id] as number;
      }
      return sum;
    },
    rank(tokens, blend = settings.blend) {
      if (tokens.length === 0) return [];
      const query = weigh(space.count(tokens, false));
      const similarity = dotProducts(query, examplePostings, examples.length);
      const centroidSimilarity = dotProducts(query, centroidPostings, intents.length);
      // the `neighbours` most similar examples of each intent, best first (-1: none yet)
      const nearest = new Int32Array(intents.length * neighbours).fill(-1);
      for (let example = 0; example < examples.length; example++) {
        const start = (exampleIntent[example] as number) * neighbours;
        const value = similarity[example] as number;
        let position = start + neighbours;
        while (position > start) {
          const above = nearest[position - 1] as number;
          if (above >= 0 && (similarity[above] as number) >= value) break;
          position--;
        }
        if (position === start + neighbours) continue;
        for (let move = start + neighbours - 1; move > position; move--) nearest[move] = nearest[move - 1] as number;
        nearest[position] = example;
      }
      return intents
        .map((intent, index): IntentScore => {
          let sum = 0;
          for (let offset = 0; offset < neighbours; offset++) {
            const example = nearest[index * neighbours + offset] as number;
            if (example >= 0) sum += similarity[example] as number;
          }
          const first = nearest[index * neighbours] as number;
          const score =
            blend.nearest * (first >= 0 ? (similarity[first] as number) : 0) +
            (blend.neighbours * sum) / neighbours +
            blend.centroid * (centroidSimilarity[index] as number);
          return { intent, score, nearest: examples[first]?.text ?? '' };
        })
        .sort((a, b) => b.score - a.score);
    },
  };
}
