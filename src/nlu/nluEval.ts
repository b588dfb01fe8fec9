/**
 * `npm run nlu:eval`: how well the NLU does. The held-out set (never used for training): top-1
 * accuracy against the recorded figure, precision and recall per intent, the most frequent
 * confusions. Crisis detection: recall and false alarms on its own sets. The training examples:
 * 5-fold cross-validated accuracy and the sweep that calibrates the unknown threshold.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { buildClassifier } from './createClassifier.js';
import { createCrisisDetector } from './detectCrisis.js';
import {
  crossValidatedPredictions,
  crossValidationReport,
  evaluate,
  formatReport,
  percent,
  readLabelledMessages,
  thresholdSweep,
} from './evaluateClassifier.js';
import { BENIGN_LOOKALIKES_FILE, CRISIS_PHRASINGS_FILE, evaluateCrisis, readMessageSet } from './evaluateCrisis.js';
import { loadNluData } from './nluData.js';

const RECORDED_ACCURACY_FILE = new URL('../../test/nlu/recordedAccuracy.json', import.meta.url);
const FOLDS = 5;
const THRESHOLDS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6];

const data = loadNluData();
const classify = buildClassifier(data);
const recorded = z
  .object({ heldOutAccuracy: z.number() })
  .parse(JSON.parse(readFileSync(RECORDED_ACCURACY_FILE, 'utf8')));

const heldOut = evaluate(classify, readLabelledMessages());
const crisis = evaluateCrisis(
  createCrisisDetector(data.crisisPatterns),
  readMessageSet(CRISIS_PHRASINGS_FILE),
  readMessageSet(BENIGN_LOOKALIKES_FILE),
);
const predictions = crossValidatedPredictions(data, FOLDS);
const { sweep, suggested } = thresholdSweep(predictions, THRESHOLDS);

const lines = [
  formatReport('Held-out set (test/nlu/heldOut.jsonl, never used for training)', heldOut),
  `recorded: ${percent(recorded.heldOutAccuracy)} (test/nlu/recordedAccuracy.json; the test fails below ${percent(recorded.heldOutAccuracy - 0.02)})`,
  '',
  'Crisis detection',
  `recall ${percent(crisis.recall)} (${crisis.crisisCount - crisis.missed.length}/${crisis.crisisCount}, test/nlu/crisisPhrasings.json)`,
  ...crisis.missed.map((text) => `  MISSED: "${text}"`),
  `false alarms ${percent(crisis.falseAlarmRate)} (${crisis.falseAlarms.length}/${crisis.benignCount}, test/nlu/benignLookalikes.json)`,
  ...crisis.falseAlarms.map((text) => `  false alarm: "${text}"`),
  '',
  `Training examples (${data.examples.length}), ${FOLDS}-fold cross-validation, threshold ${data.settings.unknownThreshold}: top-1 accuracy ${percent(crossValidationReport(predictions, data.settings.unknownThreshold).accuracy)}`,
  `unknown threshold sweep (cross-validated accuracy): ${sweep.map(({ threshold, accuracy }) => `${threshold}: ${percent(accuracy)}`).join(', ')}`,
  `suggested unknownThreshold (the highest within half a point of the best): ${suggested}; src/nlu/data/classifierSettings.json has ${data.settings.unknownThreshold}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
