/**
 * Long messages, read sentence by sentence: people describe their situation first and ask at the
 * end ("Jeg har vært syk lenge. Sjefen nøler. Kan NAV betale noe av lønna?"). Each sentence is
 * scored on its own; the first question or wish weighs most, background and later questions less, a
 * greeting nothing (src/nlu/data/sentenceRoles.json). The message's score per intent mixes the whole
 * message's score with the weighted mean of its sentences'. A second question about another topic is
 * reported, so the dialog can offer it after answering the first.
 */
import type { IntentId } from '../domain/domain.js';
import type { IntentScore } from './intentIndex.js';
import type { SentenceRolesData } from './nluData.js';
import { foldedWords } from './normalizeText.js';

/** the end of a sentence: . ! ? or … followed by space, or a line break */
const SENTENCE_END = /(?<=[.!?…])\s+|\n+/u;
/** a "sentence" of fewer words is not read on its own ("Hei.", "OK!") but still counts in the whole */
const MIN_SENTENCE_WORDS = 2;

export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => foldedWords(sentence).length >= MIN_SENTENCE_WORDS);
}

export interface ReadSentence {
  text: string;
  /** a question or a wish */
  asking: boolean;
  ranking: IntentScore[];
  /** how much the sentence says about a topic (IntentIndex.information); undefined: counts in full */
  information?: number;
}

export interface SentenceReader {
  /** is this sentence a question or a wish? */
  isAsking(sentence: string): boolean;
  /** the message's intent scores from the whole message's ranking and its sentences' rankings */
  combine(whole: readonly IntentScore[], sentences: readonly ReadSentence[]): IntentScore[];
}

const phrase = (text: string) => foldedWords(text).join(' ');

export function createSentenceReader(roles: SentenceRolesData): SentenceReader {
  const starts = roles.askingStarts.map(phrase);
  const wishes = roles.wishPhrases.map(phrase);
  const social = new Set<IntentId>(roles.socialIntents);
  const { weights } = roles;

  function isAsking(sentence: string): boolean {
    if (/\?\s*$/u.test(sentence)) return true;
    const folded = ` ${phrase(sentence)} `;
    return (
      starts.some((start) => folded.startsWith(` ${start} `)) || wishes.some((wish) => folded.includes(` ${wish} `))
    );
  }

  /** a question after the first weighs as background: the first thing asked is answered, a second is offered */
  function weightOf(sentence: ReadSentence, firstAsking: boolean): number {
    const best = sentence.ranking[0]?.intent;
    if (best !== undefined && social.has(best)) return 0;
    const role = sentence.asking && firstAsking ? weights.asking : weights.background;
    return role * informative(sentence);
  }

  /** a sentence that names nothing ("Hva gjør jeg da?") weighs little: its ranking is mostly noise */
  function informative(sentence: ReadSentence): number {
    const { information } = sentence;
    if (information === undefined || roles.information === undefined) return 1;
    return Math.min(1, information / roles.information.full);
  }

  return {
    isAsking,
    combine(whole, sentences) {
      const firstAsking = sentences.findIndex((sentence) => sentence.asking);
      const sentenceWeights = sentences.map((sentence, position) => weightOf(sentence, position === firstAsking));
      const total = sentenceWeights.reduce((sum, weight) => sum + weight, 0);
      if (sentences.length < 2 || total === 0) return [...whole];
      const sentenceScore = new Map<IntentId, number>();
      sentences.forEach((sentence, position) => {
        const weight = (sentenceWeights[position] as number) / total;
        for (const entry of sentence.ranking)
          sentenceScore.set(entry.intent, (sentenceScore.get(entry.intent) ?? 0) + weight * entry.score);
      });
      return whole
        .map((entry) => ({
          ...entry,
          score:
            weights.wholeMessage * entry.score + (1 - weights.wholeMessage) * (sentenceScore.get(entry.intent) ?? 0),
        }))
        .sort((a, b) => b.score - a.score);
    },
  };
}
