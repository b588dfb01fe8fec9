/**
 * Concept classes for the learned crisis signal (src/nlu/data/crisisConcepts.json): the means at
 * hand, self-harm acts, finality, final arrangements, time-and-place-now markers, first-person
 * words and the like. The model sees a message's classes beside its words, so a means or a
 * farewell said in words no training example uses still looks like the examples that say it in
 * other words. A class may also name a warning sign (a risk level) for src/nlu/assessCrisis.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CrisisWords } from './crisisWords.js';

const SIGNS = ['thoughts', 'plan', 'means', 'imminent'] as const;
export type ConceptSign = (typeof SIGNS)[number];

const conceptsFile = z.object({
  about: z.array(z.string()),
  concepts: z.record(
    z.string().regex(/^[a-z]+$/u),
    z.object({
      sign: z.enum(SIGNS).nullable(),
      harmlessFrame: z.boolean().default(false),
      errand: z.boolean().default(false),
      departure: z.boolean().default(false),
      firstPerson: z.boolean().default(false),
      someoneElse: z.boolean().default(false),
      joking: z.boolean().default(false),
      words: z.array(z.string().min(1)).min(1),
      /** emoji of the class, looked for in the message's text (the words have none) */
      emoji: z.array(z.string().min(1)).default([]),
    }),
  ),
});
export type CrisisConceptsData = z.infer<typeof conceptsFile>;

const CONCEPTS_FILE = new URL('./data/crisisConcepts.json', import.meta.url);

export function loadCrisisConcepts(file: URL = CONCEPTS_FILE): CrisisConceptsData {
  const parsed = conceptsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file.pathname}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface ConceptTagger {
  /** the classes one folded word belongs to (typos included), in the file's order */
  classesOf(token: string): readonly string[];
  /** the warning signs the classes of a message's words name */
  signsOf(tokens: readonly string[]): Set<ConceptSign>;
  /** whether a word of the message frames it as harmless (about work) */
  hasHarmlessFrame(tokens: readonly string[]): boolean;
  /** whether a word of the message frames it as an errand or the clinic (a harmless frame marked errand) */
  hasErrandFrame(tokens: readonly string[]): boolean;
  /** whether a word of the message frames it as leaving a job (the key card, the desk: a harmless frame marked departure) */
  hasDepartureFrame(tokens: readonly string[]): boolean;
  /** whether the message speaks of the writer (a word of the class marked firstPerson) */
  hasFirstPerson(tokens: readonly string[]): boolean;
  /** whether the words name another person as the subject (a word of the class marked someoneElse) */
  hasSomeoneElse(tokens: readonly string[]): boolean;
  /** whether the message laughs or jokes (a word or an emoji of the class marked joking) */
  isJoking(text: string, tokens: readonly string[]): boolean;
}

export function createConceptTagger(data: CrisisConceptsData): ConceptTagger {
  const words = new CrisisWords();
  const classesOfId: string[][] = [];
  const signOfClass = new Map<string, ConceptSign>();
  const frames = new Set<string>();
  const errands = new Set<string>();
  const departures = new Set<string>();
  const firstPerson = new Set<string>();
  const someoneElse = new Set<string>();
  const joking = new Set<string>();
  const jokingEmoji: string[] = [];
  for (const [name, concept] of Object.entries(data.concepts)) {
    if (concept.sign !== null) signOfClass.set(name, concept.sign);
    if (concept.harmlessFrame) frames.add(name);
    if (concept.errand) errands.add(name);
    if (concept.departure) departures.add(name);
    if (concept.firstPerson) firstPerson.add(name);
    if (concept.someoneElse) someoneElse.add(name);
    if (concept.joking) {
      joking.add(name);
      jokingEmoji.push(...concept.emoji);
    }
    for (const written of concept.words) {
      const id = words.add(written);
      classesOfId[id] = [...new Set([...(classesOfId[id] ?? []), name])];
    }
  }
  const cache = new Map<string, readonly string[]>();
  const classesOf = (token: string): readonly string[] => {
    const known = cache.get(token);
    if (known !== undefined) return known;
    const classes = [...new Set(words.idsOf(token).flatMap((id) => classesOfId[id] ?? []))];
    if (cache.size >= 20_000) cache.clear();
    cache.set(token, classes);
    return classes;
  };
  return {
    classesOf,
    signsOf: (tokens) => {
      const signs = new Set<ConceptSign>();
      for (const token of tokens) {
        for (const name of classesOf(token)) {
          const sign = signOfClass.get(name);
          if (sign !== undefined) signs.add(sign);
        }
      }
      return signs;
    },
    hasHarmlessFrame: (tokens) => tokens.some((token) => classesOf(token).some((name) => frames.has(name))),
    hasErrandFrame: (tokens) => tokens.some((token) => classesOf(token).some((name) => errands.has(name))),
    hasDepartureFrame: (tokens) => tokens.some((token) => classesOf(token).some((name) => departures.has(name))),
    hasFirstPerson: (tokens) => tokens.some((token) => classesOf(token).some((name) => firstPerson.has(name))),
    hasSomeoneElse: (tokens) => tokens.some((token) => classesOf(token).some((name) => someoneElse.has(name))),
    isJoking: (text, tokens) =>
      jokingEmoji.some((symbol) => text.includes(symbol)) ||
      tokens.some((token) => classesOf(token).some((name) => joking.has(name))),
  };
}
