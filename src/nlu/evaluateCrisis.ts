/**
 * Measures crisis detection on its test sets, kept apart:
 * - the tuning set (test/nlu/crisisPhrasings.json, benignLookalikes.json), where misses may be fixed
 *   and added, so its recall is 100 % by construction;
 * - the held-out set (test/nlu/crisisHeldOut.json), written in rounds before measuring and never
 *   given fixes, whose figures are the honest ones;
 * - ordinary messages (the topic examples and test/nlu/heldOut.jsonl), which must never be flagged.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RISK_LEVELS } from '../domain/domain.js';
import { type CrisisAssessor, crisisTrainingExamples } from './assessCrisis.js';
import { createConceptTagger, loadCrisisConcepts } from './crisisConcepts.js';
import { trainCrisisModel } from './crisisModel.js';
import type { NluData } from './nluData.js';

export const CRISIS_PHRASINGS_FILE = new URL('../../test/nlu/crisisPhrasings.json', import.meta.url);
export const BENIGN_LOOKALIKES_FILE = new URL('../../test/nlu/benignLookalikes.json', import.meta.url);
export const CRISIS_HELD_OUT_FILE = new URL('../../test/nlu/crisisHeldOut.json', import.meta.url);

const messageSet = z.object({
  about: z.string(),
  messages: z.array(z.string().min(1)),
  concern: z.array(z.string().min(1)).default([]),
});

export function readMessageSet(file: URL): string[] {
  return messageSet.parse(JSON.parse(readFileSync(file, 'utf8'))).messages;
}

/** The tuning set's in-between messages (crisis or concern, never nothing). */
export function readConcernSet(file: URL = CRISIS_PHRASINGS_FILE): string[] {
  return messageSet.parse(JSON.parse(readFileSync(file, 'utf8'))).concern;
}

const heldOutRound = z.object({
  round: z.number().int(),
  written: z.string(),
  firstMeasured: z.record(z.string(), z.unknown()),
  /** messages (by index) already word for word in the data before the round was written (from round 6 on) */
  inDataBefore: z
    .object({
      about: z.string(),
      crisis: z.array(z.number().int()),
      lookalikes: z.array(z.number().int()),
      concern: z.array(z.number().int()),
    })
    .optional(),
  crisis: z.array(
    z.object({
      text: z.string().min(1),
      kind: z.enum(['plain', 'hard']),
      risk: z.enum(RISK_LEVELS).exclude(['none']),
      /** the warning-sign category it was written for (from round 4 on) */
      category: z.string().optional(),
      /** nb, nn, en or a dialect (from round 6 on) */
      language: z.string().optional(),
    }),
  ),
  lookalikes: z.array(z.string().min(1)),
  concern: z.array(z.string().min(1)),
});
export type HeldOutRound = z.infer<typeof heldOutRound>;
const heldOutFile = z.object({ about: z.array(z.string()), rounds: z.array(heldOutRound) });

export function readCrisisHeldOut(file: URL = CRISIS_HELD_OUT_FILE): HeldOutRound[] {
  return heldOutFile.parse(JSON.parse(readFileSync(file, 'utf8'))).rounds;
}

export interface CrisisReport {
  crisisCount: number;
  missed: string[];
  recall: number;
  benignCount: number;
  falseAlarms: string[];
  falseAlarmRate: number;
}

export function evaluateCrisis(
  detect: (text: string) => boolean,
  crisis: readonly string[],
  benign: readonly string[],
): CrisisReport {
  const missed = crisis.filter((text) => !detect(text));
  const falseAlarms = benign.filter((text) => detect(text));
  return {
    crisisCount: crisis.length,
    missed,
    recall: crisis.length === 0 ? 1 : (crisis.length - missed.length) / crisis.length,
    benignCount: benign.length,
    falseAlarms,
    falseAlarmRate: benign.length === 0 ? 0 : falseAlarms.length / benign.length,
  };
}

export interface HeldOutReport extends CrisisReport {
  round: number;
  missedByKind: { plain: number; hard: number };
  countByKind: { plain: number; hard: number };
  /** flagged messages whose risk level is the one written down */
  riskAgreement: number;
  /** in-between messages that got crisis or concern */
  concernCaught: number;
  concernCount: number;
}

export function evaluateHeldOutRound(assess: CrisisAssessor, round: HeldOutRound): HeldOutReport {
  const report = evaluateCrisis(
    (text) => assess(text).crisis,
    round.crisis.map((entry) => entry.text),
    round.lookalikes,
  );
  const missedOfKind = (kind: 'plain' | 'hard') =>
    round.crisis.filter((entry) => entry.kind === kind && !assess(entry.text).crisis).length;
  const countOfKind = (kind: 'plain' | 'hard') => round.crisis.filter((entry) => entry.kind === kind).length;
  return {
    ...report,
    round: round.round,
    missedByKind: { plain: missedOfKind('plain'), hard: missedOfKind('hard') },
    countByKind: { plain: countOfKind('plain'), hard: countOfKind('hard') },
    riskAgreement: round.crisis.filter((entry) => assess(entry.text).risk === entry.risk).length,
    concernCaught: round.concern.filter((text) => {
      const { crisis, concern } = assess(text);
      return crisis || concern;
    }).length,
    concernCount: round.concern.length,
  };
}

export interface ThresholdRow {
  threshold: number;
  /** of the crisis examples, how many a model trained without them scores at or above the threshold */
  recall: number;
  /** the same for the look-alikes and the topic examples */
  lookalikeRate: number;
  topicCount: number;
}

/**
 * Scores of the crisis training examples from models that did not see them (k-fold), so the
 * thresholds can be chosen on phrasings the model has not learnt by heart.
 */
export function crisisThresholdSweep(
  data: Pick<NluData, 'crisisExamples' | 'examples' | 'descriptions' | 'settings'>,
  folds: number,
  thresholds: readonly number[],
): ThresholdRow[] {
  const examples = crisisTrainingExamples(data);
  const { crisis, concern, notCrisis } = data.crisisExamples;
  const kindOf = (index: number) =>
    index < crisis.length
      ? 'crisis'
      : index < crisis.length + concern.length
        ? 'concern'
        : index < crisis.length + concern.length + notCrisis.length
          ? 'lookalike'
          : 'topic';
  const scores = new Array<number>(examples.length).fill(0);
  const concepts = createConceptTagger(loadCrisisConcepts());
  for (let fold = 0; fold < folds; fold++) {
    const model = trainCrisisModel(
      examples.filter((_, index) => index % folds !== fold),
      data.settings.crisisModel,
      concepts,
    );
    examples.forEach((example, index) => {
      if (index % folds === fold) scores[index] = model.score(example.text);
    });
  }
  const of = (kind: string) => scores.filter((_, index) => kindOf(index) === kind);
  const crisisScores = of('crisis');
  const lookalikeScores = of('lookalike');
  const topicScores = of('topic');
  return thresholds.map((threshold) => ({
    threshold,
    recall: crisisScores.filter((score) => score >= threshold).length / crisisScores.length,
    lookalikeRate: lookalikeScores.filter((score) => score >= threshold).length / lookalikeScores.length,
    topicCount: topicScores.filter((score) => score >= threshold).length,
  }));
}
