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
import { crisisSentences, crisisTokens } from './crisisText.js';
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

/**
 * Training targets: a crisis 1, in between 0.5, a look-alike 0, and 0 for every topic example and
 * description and each sentence of them (a message is scored sentence by sentence too, so the model
 * must know that "I need more breaks." alone is ordinary).
 */
export function crisisTrainingExamples(
  data: Pick<NluData, 'crisisExamples' | 'examples' | 'descriptions'>,
): CrisisTrainingExample[] {
  const { crisisExamples } = data;
  const ordinary = [...data.examples, ...data.descriptions].flatMap((example) => [
    example.text,
    ...crisisSentences(example.text),
  ]);
  return [
    ...crisisExamples.crisis.map((text) => ({ text, target: 1 })),
    ...crisisExamples.concern.map((text) => ({ text, target: 0.5 })),
    ...crisisExamples.notCrisis.map((text) => ({ text, target: 0 })),
    ...ordinary.map((text) => ({ text, target: 0 })),
  ];
}

export function createCrisisAssessor(
  data: Pick<NluData, 'crisisPatterns' | 'crisisRisk' | 'crisisExamples' | 'examples' | 'descriptions' | 'settings'>,
  concepts: ConceptTagger = createConceptTagger(loadCrisisConcepts()),
): CrisisAssessor {
  const { crisisThresholds, concernThreshold, aloneThreshold, workPatternThreshold } = data.settings.crisisModel;
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
    // leaving a job ("levert nøkkelkortet før siste dag", "ryddet pulten, ferdig der for godt") is
    // finality and things given away about the job: no plan sign unless a wish to be gone is beside it
    if (found.has('plan') && !concernSign && !found.has('thoughts') && concepts.hasDepartureFrame(tokens)) {
      found.delete('plan');
    }
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
    // a pattern right after another person as the subject ("han skulle hoppe fra taket"), with no
    // word of the writer between or in it ("dei hadde klart seg betre utan meg"), is about someone else;
    // one whose subject is a thing of work ("rapporten tar livet av meg", "møtene dreper meg"), with no
    // word of the writer before it, is an idiom: neither speaks of the writer doing it
    const contexts = patterns.matchesInContext(text);
    const aboutWriter = contexts.some(({ words, before }) => {
      if (concepts.hasFirstPerson(before)) return true;
      if (concepts.hasHarmlessFrame(before.slice(-2))) return false;
      return !concepts.hasSomeoneElse(before) || concepts.hasFirstPerson(words);
    });
    // the model and the rules do not see harmless idioms either ("ta livet med ro", "døde av skam")
    const plain = patterns.withoutHarmless(text);
    const tokens = crisisTokens(plain);
    const { level, concernSign } = warningOf(plain, tokens);
    // the whole message and each sentence with a warning sign of its own: the most worrying counts,
    // so a crisis said after a question about work is not drowned by it ("Har et spørsmål om AAP.
    // Jeg har kjøpt det jeg trenger."); a sentence with no sign ("Eg har vore sjuk lenge.") is too
    // short to be scored on its own
    const score = Math.max(
      model.score(plain),
      ...crisisSentences(text).flatMap((sentence) => {
        const blank = patterns.withoutHarmless(sentence);
        return warningOf(blank, crisisTokens(blank)).level === undefined ? [] : [model.score(blank)];
      }),
    );
    // the learned score is brittle on short texts ("jeg har sagt alt"): it makes a crisis beside a
    // warning sign the rules or the concept classes name, the more easily the stronger the sign;
    // with no sign at all, only a near-certain score in a first-person message not about work
    // (a farewell or a wish to be gone in words no class lists)
    const alone =
      level === undefined &&
      score >= aloneThreshold &&
      concepts.hasFirstPerson(tokens) &&
      !concepts.hasHarmlessFrame(tokens);
    // a pattern names words, not what they are about: in a message about work it makes a crisis only
    // when the learned score does not all but rule it out ("jobben tar livet av meg", "ser mange
    // overdoser på legevakten"), and when the message does not speak of the writer ("kollegaen sa han
    // skulle hoppe ut av vinduet") only when the score agrees; otherwise the dialog asks directly
    // an errand or the clinic ("kjøpte tau til flyttinga", "apoteket") is not a strain the way work
    // is, and explains a means, so there a pattern needs the score of hopelessness (as a means sign
    // does below), even in a message of the writer
    const joking = concepts.isJoking(text, tokens);
    const frameThreshold = concepts.hasErrandFrame(tokens)
      ? crisisThresholds.thoughts
      : concepts.hasFirstPerson(tokens)
        ? workPatternThreshold
        : concernThreshold;
    // a wish to be gone said outright by the writer ("i want to die, i cant do another day at that
    // job") is no work idiom: the work frame does not doubt it
    const wishToBeGone = contexts.some(({ words }) => concepts.signsOf(words).has('thoughts'));
    // laughter beside an idiom whose only word of the writer is its own ("det tar livet av meg å
    // sitte i møter 😅")
    const patternWords = new Set(contexts.flatMap(({ words }) => words));
    const writerOutsidePattern = concepts.hasFirstPerson(tokens.filter((token) => !patternWords.has(token)));
    const patternDoubted =
      matched.length > 0 &&
      (!aboutWriter ||
        (joking && !writerOutsidePattern) ||
        (concepts.hasHarmlessFrame(tokens) && !(wishToBeGone && !joking) && score < frameThreshold));
    // a means the errand explains ("tau til flyttingen", "legen auka dosen") needs the score of hopelessness
    const signThreshold = (sign: Exclude<RiskLevel, 'none'>) =>
      sign === 'means' && concepts.hasErrandFrame(tokens) ? crisisThresholds.thoughts : crisisThresholds[sign];
    // laughter or a joke ("det er mandag 😅") turns the learned score's crisis into a question
    const learned = ((level !== undefined && score >= signThreshold(level)) || alone) && !joking;
    const crisis = (matched.length > 0 && !patternDoubted) || learned;
    const concern =
      !crisis &&
      (patternDoubted ||
        alone ||
        score >= crisisThresholds.thoughts ||
        (level !== undefined && score >= concernThreshold) ||
        concernSign);
    return { crisis, risk: crisis ? (level ?? 'thoughts') : 'none', concern, score, sign: level, patterns: matched };
  };
}
