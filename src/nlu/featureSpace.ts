/**
 * The features the intent model compares, and their ids: each token (a word feature), each pair
 * of neighbouring tokens (a bigram feature), and the letter n-grams of each token (char features).
 * The n-grams let a word the examples never used still count for the words it shares letters with
 * ("tilrettelagt" with "tilrettelegging"). Counting is the hot path at start-up, so ids are plain
 * numbers and a token's n-gram ids are worked out once.
 */

export interface FeatureSettings {
  /** how much each kind of feature weighs in the similarity */
  weights: { word: number; bigram: number; char: number };
  /** lengths of the letter n-grams */
  charGrams: { min: number; max: number };
}

export const FEATURE_KINDS = ['word', 'bigram', 'char'] as const;
const WORD = 0;
const BIGRAM = 1;
const CHAR = 2;

/** A message's distinct features: ids (-1 for a feature the examples never had), counts, kinds. */
export interface CountedFeatures {
  ids: number[];
  counts: number[];
  kinds: number[];
}

/** The letter n-grams of one token, with its start and end marked ("<jobb>"). */
function charGrams(token: string, settings: FeatureSettings): string[] {
  const marked = `<${token}>`;
  const grams: string[] = [];
  for (let size = settings.charGrams.min; size <= settings.charGrams.max; size++) {
    for (let start = 0; start + size <= marked.length; start++) grams.push(marked.slice(start, start + size));
  }
  return grams;
}

export class FeatureSpace {
  /** per kind: the feature's text → its id */
  private readonly ids = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  /** in how many learnt messages each feature occurs */
  readonly documentFrequency: number[] = [];
  /** the n-gram ids of every learnt token */
  private readonly gramIdsOfToken = new Map<string, number[]>();
  /** which count() call last saw each feature, and where it put it */
  private readonly lastSeenIn: number[] = [];
  private readonly positionIn: number[] = [];
  private counting = 0;

  constructor(private readonly settings: FeatureSettings) {}

  get size(): number {
    return this.documentFrequency.length;
  }

  /** Counts a message's features; `learn` adds unknown features and counts their document frequency. */
  count(tokens: readonly string[], learn: boolean): CountedFeatures {
    this.counting++;
    const counted: CountedFeatures = { ids: [], counts: [], kinds: [] };
    const unseen = new Map<string, number>();
    const add = (kind: number, key: string) => {
      const id = this.idOf(kind, key, learn);
      if (id < 0) {
        const position = unseen.get(`${kind}${key}`);
        if (position !== undefined) counted.counts[position] = (counted.counts[position] as number) + 1;
        else {
          unseen.set(`${kind}${key}`, counted.ids.length);
          counted.ids.push(-1);
          counted.counts.push(1);
          counted.kinds.push(kind);
        }
        return;
      }
      this.addKnown(counted, id, kind, learn);
    };
    tokens.forEach((token, index) => {
      add(WORD, token);
      const next = tokens[index + 1];
      if (next !== undefined) add(BIGRAM, `${token} ${next}`);
      const gramIds = this.gramIdsOfToken.get(token);
      if (gramIds !== undefined) {
        for (const id of gramIds) this.addKnown(counted, id, CHAR, learn);
        return;
      }
      const grams = charGrams(token, this.settings);
      if (learn) {
        const learnt = grams.map((gram) => this.idOf(CHAR, gram, true));
        this.gramIdsOfToken.set(token, learnt);
        for (const id of learnt) this.addKnown(counted, id, CHAR, learn);
      } else for (const gram of grams) add(CHAR, gram);
    });
    return counted;
  }

  /** the id of a learnt token as a word feature, -1 when no learnt message has it */
  wordId(token: string): number {
    return (this.ids[WORD] as Map<string, number>).get(token) ?? -1;
  }

  private idOf(kind: number, key: string, learn: boolean): number {
    const ids = this.ids[kind] as Map<string, number>;
    const known = ids.get(key);
    if (known !== undefined || !learn) return known ?? -1;
    const id = this.documentFrequency.length;
    ids.set(key, id);
    this.documentFrequency.push(0);
    this.lastSeenIn.push(0);
    this.positionIn.push(0);
    return id;
  }

  private addKnown(counted: CountedFeatures, id: number, kind: number, learn: boolean): void {
    if (this.lastSeenIn[id] === this.counting) {
      const position = this.positionIn[id] as number;
      counted.counts[position] = (counted.counts[position] as number) + 1;
      return;
    }
    this.lastSeenIn[id] = this.counting;
    this.positionIn[id] = counted.ids.length;
    counted.ids.push(id);
    counted.counts.push(1);
    counted.kinds.push(kind);
    if (learn) this.documentFrequency[id] = (this.documentFrequency[id] as number) + 1;
  }
}
