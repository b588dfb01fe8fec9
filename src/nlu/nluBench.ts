/**
 * The NLU's figures for `npm run bench`: how long the classifier takes to train from src/nlu/data at
 * start, and how many messages it classifies per second (intent, crisis and language, on the
 * held-out and crisis test messages, a mix of short and long, clean and misspelt).
 */
import { createClassifier } from './createClassifier.js';
import { readLabelledMessages } from './evaluateClassifier.js';
import { BENIGN_LOOKALIKES_FILE, CRISIS_PHRASINGS_FILE, readMessageSet } from './evaluateCrisis.js';

/** Classify for at least this long, so the figure is not one timer tick. */
const MEASURE_MS = 1000;

export async function measureNlu(): Promise<{ loadMs: number; classificationsPerSecond: number }> {
  const texts = [
    ...readLabelledMessages().map((message) => message.text),
    ...readMessageSet(CRISIS_PHRASINGS_FILE),
    ...readMessageSet(BENIGN_LOOKALIKES_FILE),
  ];
  const loadStarted = performance.now();
  const classify = createClassifier();
  const loadMs = performance.now() - loadStarted;

  let classified = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (const text of texts) classify(text, { locale: 'nb' });
    classified += texts.length;
    elapsed = performance.now() - started;
  }
  return { loadMs, classificationsPerSecond: (classified / elapsed) * 1000 };
}
