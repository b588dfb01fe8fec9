/**
 * Turns a message into the tokens the intent model compares: folded, stemmed words, with typos
 * corrected against the words of the examples, unknown compounds split into known parts, and
 * synonyms, nynorsk and English forms mapped to one concept ("sjefen", "leiaren", "boss" → "leder").
 */
import { type CompoundSplitter, createCompoundSplitter } from './compoundSplitter.js';
import { foldedWords } from './normalizeText.js';
import { stemWord } from './stemWord.js';
import { createTypoCorrector, type TypoCorrector } from './typoCorrector.js';

/** concept (the token all its forms become) → words or phrases that mean it */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

export interface MessageAnalyzer {
  /** the message's tokens, in order */
  analyze(text: string): string[];
}

const NUMBER = /^\p{N}+$/u;

/** a synonym of several words ("sick leave"), found longest first */
interface Phrase {
  stems: string[];
  concept: string;
}

function stemsOf(text: string): string[] {
  return foldedWords(text).map(stemWord);
}

export function createMessageAnalyzer(exampleTexts: readonly string[], synonyms: Synonyms): MessageAnalyzer {
  const conceptOfStem = new Map<string, string>();
  const phrasesByFirstStem = new Map<string, Phrase[]>();
  const frequencies = new Map<string, number>();
  const count = (word: string) => frequencies.set(word, (frequencies.get(word) ?? 0) + 1);

  for (const [head, forms] of Object.entries(synonyms)) {
    const concept = foldedWords(head).join('_');
    for (const form of [head, ...forms]) {
      const stems = stemsOf(form);
      for (const word of foldedWords(form)) count(word);
      if (stems.length === 1 && stems[0] !== undefined) {
        const earlier = conceptOfStem.get(stems[0]);
        if (earlier !== undefined && earlier !== concept) {
          throw new Error(`synonyms: "${form}" (stem "${stems[0]}") is in both "${earlier}" and "${head}"`);
        }
        conceptOfStem.set(stems[0], concept);
      } else if (stems.length > 1 && stems[0] !== undefined) {
        const bucket = phrasesByFirstStem.get(stems[0]) ?? [];
        bucket.push({ stems, concept });
        bucket.sort((a, b) => b.stems.length - a.stems.length);
        phrasesByFirstStem.set(stems[0], bucket);
      }
    }
  }
  for (const text of exampleTexts) for (const word of foldedWords(text)) count(word);

  const knownStems = new Set<string>();
  for (const word of frequencies.keys()) knownStems.add(stemWord(word));
  const isKnown = (word: string) => frequencies.has(word) || knownStems.has(stemWord(word));
  const correctTypo: TypoCorrector = createTypoCorrector(frequencies);
  const splitCompound: CompoundSplitter = createCompoundSplitter(isKnown);

  /** a word → its stems: itself if known, else the word it was probably meant to be, else its parts */
  function stemsOfWord(word: string): string[] {
    if (NUMBER.test(word)) return [];
    const stem = stemWord(word);
    if (frequencies.has(word) || knownStems.has(stem)) return [stem];
    const corrected = correctTypo(word);
    if (corrected !== undefined) return [stemWord(corrected)];
    const parts = splitCompound(word);
    if (parts) return parts.map(stemWord);
    return [stem];
  }

  function toConcepts(stems: string[]): string[] {
    const tokens: string[] = [];
    for (let index = 0; index < stems.length; ) {
      const stem = stems[index] as string;
      const phrase = phrasesByFirstStem
        .get(stem)
        ?.find((candidate) => candidate.stems.every((part, offset) => stems[index + offset] === part));
      if (phrase) {
        tokens.push(phrase.concept);
        index += phrase.stems.length;
        continue;
      }
      tokens.push(conceptOfStem.get(stem) ?? stem);
      index += 1;
    }
    return tokens;
  }

  return {
    analyze: (text) => toConcepts(foldedWords(text).flatMap(stemsOfWord)),
  };
}
