/**
 * Everything the NLU knows, read from src/nlu/data: example utterances per language, synonyms,
 * keywords, language markers, crisis patterns, risk-level rules, crisis training examples,
 * opt-out sentences, emoji and the classifier's settings. Checked with zod at
 * load, so a typo in an intent id fails at start instead of silently never matching.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS, type IntentId, LOCALES, type Locale } from '../domain/domain.js';

const NLU_DATA_DIRECTORY = new URL('./data/', import.meta.url);

const intentId = z.enum(INTENTS);
const examplesFile = z.partialRecord(intentId, z.array(z.string().trim().min(1)));
const synonymsFile = z.object({ about: z.string(), concepts: z.record(z.string(), z.array(z.string().min(1))) });
const keywordsFile = z.object({ about: z.string(), intents: z.partialRecord(intentId, z.array(z.string().min(1))) });
const languageMarkersFile = z.object({
  about: z.string(),
  minimumScore: z.number().positive(),
  markers: z.object({
    nb: z.record(z.string(), z.number()),
    nn: z.record(z.string(), z.number()),
    en: z.record(z.string(), z.number()),
  }),
});
const crisisPatternEntry = z.union([
  z.string().min(1),
  z.object({ pattern: z.string().min(1), maxGap: z.number().int().min(0) }),
]);
const crisisPatternGroup = z.object({
  name: z.string(),
  maxGap: z.number().int().min(0),
  patterns: z.array(crisisPatternEntry),
});
const crisisPatternsFile = z.object({
  about: z.array(z.string()),
  harmlessPhrases: z.array(crisisPatternEntry),
  groups: z.array(crisisPatternGroup),
});
const crisisRiskFile = z.object({
  about: z.array(z.string()),
  plan: z.array(crisisPatternGroup),
  means: z.array(crisisPatternGroup),
  imminent: z.array(crisisPatternGroup),
  concern: z.array(crisisPatternGroup),
});
const crisisExamplesFile = z.object({
  about: z.array(z.string()),
  crisis: z.array(z.string().trim().min(1)),
  concern: z.array(z.string().trim().min(1)),
  notCrisis: z.array(z.string().trim().min(1)),
});
const sentenceRolesFile = z.object({
  about: z.array(z.string()),
  weights: z.object({
    wholeMessage: z.number().min(0).max(1),
    asking: z.number().min(0),
    background: z.number().min(0),
  }),
  temperature: z.number().positive(),
  information: z.object({ full: z.number().positive() }).optional(),
  blend: z
    .object({ nearest: z.number().min(0), neighbours: z.number().min(0), centroid: z.number().min(0) })
    .optional(),
  socialIntents: z.array(intentId),
  askingStarts: z.array(z.string().min(1)),
  wishPhrases: z.array(z.string().min(1)),
});
const emojiFile = z.object({
  about: z.string(),
  intents: z.partialRecord(intentId, z.array(z.string().min(1))),
  sad: z.array(z.string().min(1)),
});
const classifierSettingsFile = z.object({
  about: z.array(z.string()),
  weights: z.object({ word: z.number().min(0), bigram: z.number().min(0), char: z.number().min(0) }),
  charGrams: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
  neighbours: z.number().int().min(1),
  blend: z.object({ nearest: z.number().min(0), neighbours: z.number().min(0), centroid: z.number().min(0) }),
  temperature: z.number().positive(),
  unknownThreshold: z.number().min(0).max(1),
  yesNoBoost: z.number().min(0),
  crisisModel: z.object({
    epochs: z.number().int().min(1),
    learningRate: z.number().positive(),
    l2: z.number().min(0),
    positiveWeight: z.number().positive(),
    charGrams: z.array(z.number().int().min(1)),
    windowWords: z.number().int().min(1),
    windowStride: z.number().int().min(1),
    crisisThresholds: z.object({
      imminent: z.number().min(0).max(1),
      means: z.number().min(0).max(1),
      plan: z.number().min(0).max(1),
      thoughts: z.number().min(0).max(1),
    }),
    concernThreshold: z.number().min(0).max(1),
    aloneThreshold: z.number().min(0).max(1),
    workPatternThreshold: z.number().min(0).max(1),
  }),
});

export interface TrainingExample {
  text: string;
  intent: IntentId;
  locale: Locale;
}

export type CrisisPatternsData = z.infer<typeof crisisPatternsFile>;
export type LanguageMarkersData = z.infer<typeof languageMarkersFile>;
export type ClassifierSettings = z.infer<typeof classifierSettingsFile>;
export type CrisisRiskData = z.infer<typeof crisisRiskFile>;
export type CrisisExamplesData = z.infer<typeof crisisExamplesFile>;
export type SentenceRolesData = z.infer<typeof sentenceRolesFile>;

export interface NluData {
  /** the intents' examples: also the learned crisis score's non-crisis examples */
  examples: TrainingExample[];
  /**
   * topic examples written the way people describe their situation (src/nlu/data/descriptions):
   * the intent model learns from them, the crisis score does not (its owner decides what it learns)
   */
  descriptions: TrainingExample[];
  synonyms: Record<string, string[]>;
  keywords: Partial<Record<IntentId, string[]>>;
  languageMarkers: LanguageMarkersData;
  crisisPatterns: CrisisPatternsData;
  crisisRisk: CrisisRiskData;
  crisisExamples: CrisisExamplesData;
  /** sentences that plainly ask for no more messages (same syntax as the crisis patterns) */
  optOutPhrases: CrisisPatternsData;
  emoji: z.infer<typeof emojiFile>;
  /** how a message of several sentences is read (src/nlu/readSentences.ts) */
  sentenceRoles: SentenceRolesData;
  settings: ClassifierSettings;
}

function readJson<T>(schema: z.ZodType<T>, relativePath: string, directory: URL): T {
  const file = new URL(relativePath, directory);
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file.pathname}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadCrisisPatterns(directory: URL = NLU_DATA_DIRECTORY): CrisisPatternsData {
  return readJson(crisisPatternsFile, 'crisisPatterns.json', directory);
}

function readExamples(folder: string, directory: URL): TrainingExample[] {
  return LOCALES.flatMap((locale) =>
    Object.entries(readJson(examplesFile, `${folder}/${locale}.json`, directory)).flatMap(([intent, texts]) =>
      (texts ?? []).map((text): TrainingExample => ({ text, intent: intent as IntentId, locale })),
    ),
  );
}

export function loadNluData(directory: URL = NLU_DATA_DIRECTORY): NluData {
  return {
    examples: readExamples('examples', directory),
    descriptions: readExamples('descriptions', directory),
    synonyms: readJson(synonymsFile, 'synonyms.json', directory).concepts,
    keywords: readJson(keywordsFile, 'keywords.json', directory).intents,
    languageMarkers: readJson(languageMarkersFile, 'languageMarkers.json', directory),
    crisisPatterns: loadCrisisPatterns(directory),
    crisisRisk: readJson(crisisRiskFile, 'crisisRisk.json', directory),
    crisisExamples: readJson(crisisExamplesFile, 'crisisExamples.json', directory),
    optOutPhrases: readJson(crisisPatternsFile, 'optOutPhrases.json', directory),
    emoji: readJson(emojiFile, 'emoji.json', directory),
    sentenceRoles: readJson(sentenceRolesFile, 'sentenceRoles.json', directory),
    settings: readJson(classifierSettingsFile, 'classifierSettings.json', directory),
  };
}
