import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/domain/domain.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';
import { evaluate, readLabelledMessages } from '../../src/nlu/evaluateClassifier.js';
import { loadNluData } from '../../src/nlu/nluData.js';
import { foldedWords } from '../../src/nlu/normalizeText.js';

const recorded: { heldOutAccuracy: number } = JSON.parse(
  readFileSync(new URL('./recordedAccuracy.json', import.meta.url), 'utf8'),
);
const heldOut = readLabelledMessages();

describe('the held-out evaluation set', () => {
  it('has at least 150 labelled messages covering every intent', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(150);
    expect(new Set(heldOut.map((message) => message.intent))).toEqual(new Set(INTENTS));
  });

  it('shares no message with the training examples', () => {
    const key = (text: string) => foldedWords(text).join(' ');
    const training = new Set(loadNluData().examples.map((example) => key(example.text)));
    const copied = heldOut.filter(
      (message) => message.intent !== 'affirm' && message.intent !== 'deny' && training.has(key(message.text)),
    );
    // one-word greetings and keywords ("hei", "STOPP") cannot be phrased otherwise; longer ones must differ
    expect(copied.filter((message) => foldedWords(message.text).length > 2)).toEqual([]);
  });
});

describe('held-out accuracy', () => {
  it('stays within two points of the recorded figure', () => {
    const report = evaluate(createClassifier(), heldOut);
    expect(report.accuracy).toBeGreaterThanOrEqual(recorded.heldOutAccuracy - 0.02);
  });
});
