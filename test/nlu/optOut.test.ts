import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/domain/domain.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';
import { createCrisisDetector } from '../../src/nlu/detectCrisis.js';
import { createKeywordRules } from '../../src/nlu/keywordRules.js';
import { loadNluData } from '../../src/nlu/nluData.js';
import { NOT_OPT_OUT, OPT_OUT } from './optOutSentences.js';

let classify: Classifier;
beforeAll(() => {
  classify = createClassifier();
});

describe('optout only on a clear wish', () => {
  it('has at least 20 sentences with the words in passing', () => {
    expect(NOT_OPT_OUT.length).toBeGreaterThanOrEqual(20);
  });

  it.each(NOT_OPT_OUT)('"%s" is not an opt-out', (text) => {
    expect(classify(text).intent).not.toBe('optout');
  });

  it.each(OPT_OUT)('"%s" is an opt-out, with full confidence', (text) => {
    expect(classify(text)).toMatchObject({ intent: 'optout', confidence: 1 });
  });

  it('lets "kan jeg sende melding til en mentor" ask for a human', () => {
    expect(classify('kan jeg sende melding til en mentor').intent).toBe('human');
  });

  it('covers every optout example of the training data with a keyword or an opt-out sentence', () => {
    const data = loadNluData();
    const keyword = createKeywordRules(data.keywords);
    const isPlainOptOut = createCrisisDetector(data.optOutPhrases);
    const optOutExamples = data.examples
      .filter((example) => example.intent === 'optout')
      .map((example) => example.text);
    expect(optOutExamples.length).toBeGreaterThan(10);
    expect(optOutExamples.filter((text) => keyword(text) !== 'optout' && !isPlainOptOut(text))).toEqual([]);
  });
});
