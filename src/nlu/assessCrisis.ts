/**
 * The crisis side of a classification, from two signals: the patterns (src/nlu/data/crisisPatterns.json,
 * precise: a match is a crisis, unless it is in a message about work that does not speak of the
 * writer and the learned score disagrees; then it is a concern) and the learned score (src/nlu/crisisModel.ts, which also
 * catches phrasings no pattern names). Then the risk level by the rules in crisisRisk.json, and
 * `concern` for the zone between a crisis and nothing, where the dialog asks directly.
 * Always on the whole message.
 */
import type { RiskLevel } from '../domain/domain.js';
import { type ConceptTagger, createConceptTagger, loadCrisisConcepts } from './crisisConcepts.js';
import { type CrisisTrainingExample, trainCrisisModel } from './crisisModel.js';
import { crisisTokens } from './crisisText.js';
import { createCrisisDetector } from './detectCrisis.js';
import type { NluData } from './nluData.js';

export interface CrisisAssessment {
  crisis: boolean;
  risk: RiskLevel;
  concern: boolean;
  /** the learned score, 0..1 */
  score: number;
  /** the strongest warning sign the rules or the concept classes name ('thoughts' for hopelessness or a wish to be gone), if any */
  sign: Exclude<RiskLevel, 'none'> | undefined;
  /** the crisis patterns the message matches */
  patterns: string[];
}

export type CrisisAssessor = (text: string) => CrisisAssessment;

/** Training targets: a crisis 1, in between 0.5, a look-alike or any topic example 0. */
export function crisisTrainingExamples(data: Pick<NluData, 'crisisExamples' | 'examples'>): CrisisTrainingExample[] {
  const { crisisExamples } = data;
  return [
    ...crisisExamples.crisis.map((text) => ({ text, target: 1 })),
    ...crisisExamples.concern.map((text) => ({ text, target: 0.5 })),
    ...crisisExamples.notCrisis.map((text) => ({ text, target: 0 })),
    ...data.examples.map((example) => ({ text: example.text, target: 0 })),
  ];
}

export function createCrisisAssessor(
  data: Pick<NluData, 'crisisPatterns' | 'crisisRisk' | 'crisisExamples' | 'examples' | 'settings'>,
  concepts: ConceptTagger = createConceptTagger(loadCrisisConcepts()),
): CrisisAssessor {
  const { crisisThresholds, concernThreshold, aloneThreshold } = data.settings.crisisModel;
  const patterns = createCrisisDetector(data.crisisPatterns);
  const model = trainCrisisModel(crisisTrainingExamples(data), data.settings.crisisModel, concepts);
  // one matcher for all rule levels (a message's words are looked up once), run on the text
  // without its harmless idioms
  const levels = ['imminent', 'means', 'plan', 'concern'] as const;
  const levelOfPattern = new Map<string, (typeof levels)[number]>();
  const rules = createCrisisDetector({
    about: [],
    harmlessPhrases: [],
    groups: levels.flatMap((level) =>
      data.crisisRisk[level].map((group) => {
        for (const entry of group.patterns) {
          levelOfPattern.set(typeof entry === 'string' ? entry : entry.pattern, level);
        }
        return group;
      }),
    ),
  });

  /** the highest warning sign the risk rules name: a level above thoughts, or hopelessness; none: undefined */
  const warningOf = (
    plain: string,
    tokens: readonly string[],
  ): { level: Exclude<RiskLevel, 'none'> | undefined; concernSign: boolean } => {
    const found = new Set<string | undefined>(
      rules.matchingPatterns(plain).map((source) => levelOfPattern.get(source)),
    );
    // the concept classes name signs in words the rules do not list (a means, a farewell, a burden)
    for (const sign of concepts.signsOf(tokens)) found.add(sign);
    const concernSign = found.has('concern');
    const level = found.has('imminent')
      ? 'imminent'
      : found.has('means')
        ? 'means'
        : found.has('plan')
          ? 'plan'
          : concernSign || found.has('thoughts')
            ? 'thoughts'
            : undefined;
    return { level, concernSign };
  };

  return (text) => {
    const matched = patterns.matchingPatterns(text);
    // the model and the rules do not see harmless idioms either ("ta livet med ro", "døde av skam")
    const plain = patterns.withoutHarmless(text);
    const score = model.score(plain);
    const tokens = crisisTokens(plain);
    const { level, concernSign } = warningOf(plain, tokens);
    // the learned score is brittle on short texts ("jeg har sagt alt"): it makes a crisis beside a
    // warning sign the rules or the concept classes name, the more easily the stronger the sign;
    // with no sign at all, only a near-certain score in a first-person message not about work
    // (a farewell or a wish to be gone in words no class lists)
    const alone =
      level === undefined &&
      score >= aloneThreshold &&
      concepts.hasFirstPerson(tokens) &&
      !concepts.hasHarmlessFrame(tokens);
    // a pattern names words, not who they are about: in a message about work that does not speak of
    // the writer ("kollegaen sa han skulle hoppe ut av vinduet"), it makes a crisis only when the
    // learned score agrees; otherwise the dialog asks directly
    const patternAboutSomeoneElse =
      matched.length > 0 &&
      concepts.hasHarmlessFrame(tokens) &&
      !concepts.hasFirstPerson(tokens) &&
      score < concernThreshold;
    const crisis =
      (matched.length > 0 && !patternAboutSomeoneElse) ||
      (level !== undefined && score >= crisisThresholds[level]) ||
      alone;
    const concern =
      !crisis &&
      (patternAboutSomeoneElse ||
        score >= crisisThresholds.thoughts ||
        (level !== undefined && score >= concernThreshold) ||
        concernSign);
    return { crisis, risk: crisis ? (level ?? 'thoughts') : 'none', concern, score, sign: level, patterns: matched };
  };
}
