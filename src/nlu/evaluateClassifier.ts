/**
 * Measures the classifier on labelled messages: top-1 accuracy, precision and recall per intent,
 * the most frequent confusions, and how often the language was right. Used by `npm run nlu:eval`
 * and by the test that guards the recorded accuracy.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Classifier, INTENTS, type IntentId, LOCALES, type Locale } from '../domain/domain.js';
import { buildClassifier, type ExplainedClassification } from './createClassifier.js';
import type { NluData, TrainingExample } from './nluData.js';
import { splitSentences } from './readSentences.js';

export interface LabelledMessage {
  text: string;
  intent: IntentId;
  /** the language a reader would say it is in, given a conversation in bokmål */
  language?: Locale;
}

export interface IntentQuality {
  intent: IntentId;
  support: number;
  precision: number;
  recall: number;
}

export interface Confusion {
  expected: IntentId;
  actual: IntentId;
  count: number;
  texts: string[];
}

export interface EvaluationReport {
  total: number;
  correct: number;
  accuracy: number;
  perIntent: IntentQuality[];
  confusions: Confusion[];
  languageAccuracy?: number;
}

const labelledLine = z.object({ text: z.string(), intent: z.enum(INTENTS), language: z.enum(LOCALES).optional() });

const HELD_OUT_FILE = new URL('../../test/nlu/heldOut.jsonl', import.meta.url);

export function readLabelledMessages(file: URL = HELD_OUT_FILE): LabelledMessage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = labelledLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file.pathname}:${index + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

export function evaluate(classify: Classifier, messages: readonly LabelledMessage[]): EvaluationReport {
  const predicted = messages.map((message) => classify(message.text, { locale: 'nb' }));
  return report(
    messages,
    predicted.map((result) => result.intent),
    predicted.map((result) => result.language),
  );
}

function report(messages: readonly LabelledMessage[], intents: IntentId[], languages: Locale[]): EvaluationReport {
  const confusionByPair = new Map<string, Confusion>();
  let correct = 0;
  messages.forEach((message, index) => {
    const actual = intents[index] as IntentId;
    if (actual === message.intent) {
      correct++;
      return;
    }
    const key = `${message.intent}>${actual}`;
    const confusion = confusionByPair.get(key) ?? { expected: message.intent, actual, count: 0, texts: [] };
    confusion.count++;
    confusion.texts.push(message.text);
    confusionByPair.set(key, confusion);
  });
  const perIntent = INTENTS.map((intent): IntentQuality => {
    const support = messages.filter((message) => message.intent === intent).length;
    const predictedAs = intents.filter((actual) => actual === intent).length;
    const hits = messages.filter((message, index) => message.intent === intent && intents[index] === intent).length;
    return {
      intent,
      support,
      precision: predictedAs === 0 ? 1 : hits / predictedAs,
      recall: support === 0 ? 1 : hits / support,
    };
  }).filter((quality) => quality.support > 0 || quality.precision < 1);
  const withLanguage = messages.filter((message) => message.language !== undefined);
  const languageHits = messages.filter(
    (message, index) => message.language !== undefined && languages[index] === message.language,
  );
  return {
    total: messages.length,
    correct,
    accuracy: messages.length === 0 ? 0 : correct / messages.length,
    perIntent,
    confusions: [...confusionByPair.values()].sort((a, b) => b.count - a.count),
    ...(withLanguage.length > 0 ? { languageAccuracy: languageHits.length / withLanguage.length } : {}),
  };
}

/** How far below the best cross-validated accuracy a suggested threshold may be. */
const SUGGESTION_MARGIN = 0.005;

/** An example's fold, from a hash of its text (FNV-1a): adding an example does not reshuffle the others. */
function foldOf(text: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % folds;
}

/** What a model trained without it said about one training example. */
export interface HeldBackPrediction {
  example: TrainingExample;
  result: ExplainedClassification;
}

/**
 * k-fold cross-validation on the training examples: each fold is classified by a model trained on
 * the others, with the unknown threshold off (so a threshold sweep can be done afterwards). Used to
 * tune and calibrate the settings without looking at the held-out set.
 */
export function crossValidatedPredictions(data: NluData, folds: number): HeldBackPrediction[] {
  const predictions: HeldBackPrediction[] = [];
  const settings = { ...data.settings, unknownThreshold: 0 };
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (example: TrainingExample) => foldOf(example.text, folds) === fold;
    const classify = buildClassifier({
      ...data,
      settings,
      examples: data.examples.filter((example) => !inFold(example)),
    });
    for (const example of data.examples.filter(inFold))
      predictions.push({ example, result: classify(example.text, { locale: 'nb' }) });
  }
  return predictions;
}

/**
 * k-fold cross-validation on the descriptions of two or more sentences (how a long message is read is
 * tuned here, never on the held-out sets): each fold of descriptions is left out of training and its
 * long ones are classified as they would be (with the unknown threshold). Top-3 counts a description
 * whose topic is among the three best intents.
 */
export function crossValidatedLongDescriptions(
  data: NluData,
  folds: number,
): { total: number; top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  let total = 0;
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (example: TrainingExample) => foldOf(example.text, folds) === fold;
    const classify = buildClassifier({
      ...data,
      descriptions: data.descriptions.filter((example) => !inFold(example)),
    });
    for (const example of data.descriptions.filter(
      (example) => inFold(example) && splitSentences(example.text).length > 1,
    )) {
      const result = classify(example.text, { locale: 'nb' });
      total++;
      if (result.intent === example.intent) top1++;
      if (result.alternatives.slice(0, 3).some((alternative) => alternative.intent === example.intent)) top3++;
    }
  }
  return { total, top1: total === 0 ? 0 : top1 / total, top3: total === 0 ? 0 : top3 / total };
}

/** The intent a prediction gets with a given unknown threshold. */
function intentAt(result: ExplainedClassification, threshold: number): IntentId {
  return result.intent !== 'unknown' && result.confidence < threshold ? 'unknown' : result.intent;
}

export function crossValidationReport(predictions: readonly HeldBackPrediction[], threshold: number): EvaluationReport {
  return report(
    predictions.map(({ example }) => ({ text: example.text, intent: example.intent, language: example.locale })),
    predictions.map(({ result }) => intentAt(result, threshold)),
    predictions.map(({ result }) => result.language),
  );
}

/**
 * Cross-validated accuracy for each candidate unknown threshold: how the threshold is chosen. The
 * suggestion is the highest threshold within half a point of the best accuracy, because a wrong
 * topic answer is worse than "I did not quite understand, would you like a mentor?".
 */
export function thresholdSweep(
  predictions: readonly HeldBackPrediction[],
  thresholds: readonly number[],
): { sweep: Array<{ threshold: number; accuracy: number }>; suggested: number } {
  const sweep = thresholds.map((threshold) => ({
    threshold,
    accuracy:
      predictions.filter(({ example, result }) => intentAt(result, threshold) === example.intent).length /
      predictions.length,
  }));
  const best = Math.max(...sweep.map(({ accuracy }) => accuracy));
  const nearBest = sweep.filter(({ accuracy }) => accuracy >= best - SUGGESTION_MARGIN);
  return { sweep, suggested: Math.max(...nearBest.map(({ threshold }) => threshold)) };
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

export function formatReport(title: string, result: EvaluationReport, confusionsShown = 10): string {
  const lines = [
    `${title}: top-1 accuracy ${percent(result.accuracy)} (${result.correct}/${result.total})`,
    ...(result.languageAccuracy === undefined ? [] : [`language: ${percent(result.languageAccuracy)} correct`]),
    '',
    `${'intent'.padEnd(24)} ${'n'.padStart(4)} ${'precision'.padStart(10)} ${'recall'.padStart(8)}`,
    ...result.perIntent.map(
      (quality) =>
        `${quality.intent.padEnd(24)} ${String(quality.support).padStart(4)} ${percent(quality.precision).padStart(10)} ${percent(quality.recall).padStart(8)}`,
    ),
    '',
    'most frequent confusions (expected → got):',
    ...result.confusions
      .slice(0, confusionsShown)
      .map(
        (confusion) =>
          `  ${confusion.count} × ${confusion.expected} → ${confusion.actual}: "${confusion.texts.slice(0, 2).join('", "')}"`,
      ),
  ];
  return lines.join('\n');
}
