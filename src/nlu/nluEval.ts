/**
 * `npm run nlu:eval`: how well the NLU does. The held-out set (never used for training): top-1
 * accuracy against the recorded figure, precision and recall per intent, the most frequent
 * confusions. Crisis detection: recall on the held-out rounds as first measured and now, risk-level
 * agreement, recall on the tuning set, false alarms on look-alikes and on ordinary messages, and the
 * cross-validated threshold sweep of the learned signal. The training examples: 5-fold
 * cross-validated accuracy and the sweep that calibrates the unknown threshold.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createCrisisAssessor } from './assessCrisis.js';
import { buildClassifier } from './createClassifier.js';
import {
  crossValidatedLongDescriptions,
  crossValidatedPredictions,
  crossValidationReport,
  evaluate,
  formatReport,
  percent,
  readLabelledMessages,
  thresholdSweep,
} from './evaluateClassifier.js';
import {
  BENIGN_LOOKALIKES_FILE,
  CRISIS_PHRASINGS_FILE,
  crisisThresholdSweep,
  evaluateCrisis,
  evaluateHeldOutRound,
  type HeldOutReport,
  readConcernSet,
  readCrisisHeldOut,
  readMessageSet,
} from './evaluateCrisis.js';
import {
  describeMiss,
  evaluateLongMessages,
  type LongHeldOutRound,
  type LongMessageReport,
  readLongHeldOut,
} from './evaluateLongMessages.js';
import { loadNluData } from './nluData.js';

const RECORDED_ACCURACY_FILE = new URL('../../test/nlu/recordedAccuracy.json', import.meta.url);
const FOLDS = 5;
const THRESHOLDS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6];
const CRISIS_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

const data = loadNluData();
const classify = buildClassifier(data);
const recorded = z
  .object({ heldOutAccuracy: z.number() })
  .parse(JSON.parse(readFileSync(RECORDED_ACCURACY_FILE, 'utf8')));

const heldOut = evaluate(classify, readLabelledMessages());
const longRounds = readLongHeldOut();
const longReports = longRounds.map((round) => evaluateLongMessages(classify, round.messages));
const longAll = evaluateLongMessages(
  classify,
  longRounds.flatMap((round) => round.messages),
);
const assessStarted = performance.now();
const assessCrisis = createCrisisAssessor(data);
const assessMs = performance.now() - assessStarted;
const isCrisis = (text: string) => assessCrisis(text).crisis;
const tuning = evaluateCrisis(isCrisis, readMessageSet(CRISIS_PHRASINGS_FILE), readMessageSet(BENIGN_LOOKALIKES_FILE));
const tuningConcern = readConcernSet();
const tuningConcernMissed = tuningConcern.filter((text) => !assessCrisis(text).crisis && !assessCrisis(text).concern);
const ordinary = [
  ...data.examples.map((example) => example.text),
  ...data.descriptions.map((example) => example.text),
  ...readLabelledMessages().map((message) => message.text),
];
const ordinaryFlagged = ordinary.filter(isCrisis);
const ordinaryConcern = ordinary.filter((text) => assessCrisis(text).concern);
const heldOutRounds = readCrisisHeldOut();
const heldOutReports = heldOutRounds.map((round) => evaluateHeldOutRound(assessCrisis, round));
const crisisSweep = crisisThresholdSweep(data, FOLDS, CRISIS_THRESHOLDS);
const fraction = (part: number, whole: number) => `${part}/${whole} (${percent(whole === 0 ? 1 : part / whole)})`;

/** a missed crisis with `concern` is not silence: the bot asks whether the person thinks of suicide */
const askedDirectly = (texts: string[]) => texts.filter((text) => assessCrisis(text).concern).length;

function heldOutLines(report: HeldOutReport, firstMeasured: Record<string, unknown>): string[] {
  const caught = report.crisisCount - report.missed.length;
  return [
    `held-out round ${report.round} (test/nlu/crisisHeldOut.json, never given fixes):`,
    `  first measured (${String(firstMeasured.when ?? '–')}): recall ${JSON.stringify(firstMeasured.crisisRecall)}, look-alikes flagged ${JSON.stringify(firstMeasured.lookalikesFlagged)}`,
    `  now: recall ${fraction(caught, report.crisisCount)} (plain ${report.countByKind.plain - report.missedByKind.plain}/${report.countByKind.plain}, hard ${report.countByKind.hard - report.missedByKind.hard}/${report.countByKind.hard}), risk level as labelled ${fraction(report.riskAgreement, report.crisisCount)}`,
    `  missed crises that still get the direct question (concern): ${fraction(askedDirectly(report.missed), report.missed.length)}`,
    ...report.missed.map((text) => `    MISSED${assessCrisis(text).concern ? ' (asked directly)' : ''}: "${text}"`),
    `  now: look-alikes flagged ${fraction(report.falseAlarms.length, report.benignCount)}`,
    ...report.falseAlarms.map((text) => `    false alarm: "${text}"`),
    ...(report.concernCount > 0
      ? [`  in-between messages with crisis or concern: ${fraction(report.concernCaught, report.concernCount)}`]
      : []),
  ];
}

/** one line per round, first measured beside now, and the rounds together */
function heldOutSummary(reports: readonly HeldOutReport[]): string[] {
  const recallOf = (value: unknown) =>
    typeof value === 'object' && value !== null && 'all' in value ? String(value.all) : String(value);
  const total = (pick: (report: HeldOutReport) => number) => reports.reduce((sum, report) => sum + pick(report), 0);
  const caught = total((report) => report.crisisCount - report.missed.length);
  const flagged = total((report) => report.falseAlarms.length);
  return [
    'held-out rounds, first measured → now (recall; look-alikes flagged):',
    ...reports.map((report, index) => {
      const first = heldOutRounds[index]?.firstMeasured ?? {};
      return `  round ${report.round}: ${recallOf(first.crisisRecall)} → ${fraction(report.crisisCount - report.missed.length, report.crisisCount)}; ${String(first.lookalikesFlagged)} → ${fraction(report.falseAlarms.length, report.benignCount)}`;
    }),
    `  all rounds now: recall ${fraction(
      caught,
      total((report) => report.crisisCount),
    )}, look-alikes flagged ${fraction(
      flagged,
      total((report) => report.benignCount),
    )} (goal: 100 % and at most 5 %)`,
  ];
}

function longRoundLines(round: LongHeldOutRound, report: LongMessageReport): string[] {
  const first = round.firstMeasured;
  return [
    `round ${round.round} (${report.total} messages): top-1 ${percent(report.top1)}, top-3 ${percent(report.top3)}`,
    `  first measured (${first?.commit ?? 'not yet'}): top-1 ${first ? percent(first.top1) : '–'}, top-3 ${first ? percent(first.top3) : '–'}`,
    ...report.misses.map(describeMiss),
  ];
}

const predictions = crossValidatedPredictions(data, FOLDS);
const { sweep, suggested } = thresholdSweep(predictions, THRESHOLDS);
const longDescriptions = crossValidatedLongDescriptions(data, FOLDS);

const lines = [
  formatReport('Held-out set (test/nlu/heldOut.jsonl, never used for training)', heldOut),
  `recorded: ${percent(recorded.heldOutAccuracy)} (test/nlu/recordedAccuracy.json; the test fails below ${percent(recorded.heldOutAccuracy - 0.02)})`,
  '',
  `Long messages (test/nlu/longHeldOut.json, ${longAll.total} messages in ${longRounds.length} rounds, never used for tuning): top-1 ${percent(longAll.top1)}, top-3 ${percent(longAll.top3)}`,
  ...longRounds.flatMap((round, index) => longRoundLines(round, longReports[index] as LongMessageReport)),
  '',
  'Crisis detection (patterns, learned signal, risk rules)',
  ...heldOutReports.flatMap((report, index) => heldOutLines(report, heldOutRounds[index]?.firstMeasured ?? {})),
  ...heldOutSummary(heldOutReports),
  `tuning set (test/nlu/crisisPhrasings.json; misses are fixed here, so 100 % by construction): recall ${fraction(tuning.crisisCount - tuning.missed.length, tuning.crisisCount)}`,
  ...tuning.missed.map((text) => `  MISSED: "${text}"`),
  `  in-between messages with crisis or concern: ${fraction(tuningConcern.length - tuningConcernMissed.length, tuningConcern.length)}`,
  ...tuningConcernMissed.map((text) => `  MISSED: "${text}"`),
  `tuning look-alikes (test/nlu/benignLookalikes.json) flagged: ${fraction(tuning.falseAlarms.length, tuning.benignCount)}`,
  ...tuning.falseAlarms.map((text) => `  false alarm: "${text}"`),
  `ordinary messages (topic examples and test/nlu/heldOut.jsonl) flagged: ${fraction(ordinaryFlagged.length, ordinary.length)}; with concern: ${fraction(ordinaryConcern.length, ordinary.length)}`,
  ...ordinaryFlagged.map((text) => `  false alarm: "${text}"`),
  `learned signal: ${data.crisisExamples.crisis.length} crisis, ${data.crisisExamples.concern.length} in-between and ${data.crisisExamples.notCrisis.length + data.examples.length} other examples; built in ${assessMs.toFixed(0)} ms with the patterns and rules`,
  `  ${FOLDS}-fold cross-validated score of unseen examples (recall of crisis examples / look-alikes / topic examples at or above): ${crisisSweep.map((row) => `${row.threshold}: ${percent(row.recall)} / ${percent(row.lookalikeRate)} / ${row.topicCount}`).join(', ')}`,
  `  thresholds in src/nlu/data/classifierSettings.json: crisis beside a sign ${JSON.stringify(data.settings.crisisModel.crisisThresholds)}, concern ${data.settings.crisisModel.concernThreshold}`,
  '',
  `Training examples (${data.examples.length}), ${FOLDS}-fold cross-validation, threshold ${data.settings.unknownThreshold}: top-1 accuracy ${percent(crossValidationReport(predictions, data.settings.unknownThreshold).accuracy)}`,
  `unknown threshold sweep (cross-validated accuracy): ${sweep.map(({ threshold, accuracy }) => `${threshold}: ${percent(accuracy)}`).join(', ')}`,
  `suggested unknownThreshold (the highest within half a point of the best): ${suggested}; src/nlu/data/classifierSettings.json has ${data.settings.unknownThreshold}`,
  `Descriptions of two or more sentences (${longDescriptions.total}), ${FOLDS}-fold cross-validation (what src/nlu/data/sentenceRoles.json is tuned on): top-1 ${percent(longDescriptions.top1)}, top-3 ${percent(longDescriptions.top3)}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
