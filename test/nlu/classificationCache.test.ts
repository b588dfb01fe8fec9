/**
 * The cache of short messages' classifications (src/nlu/classificationCache.ts) never changes a
 * result, crisis assessment included, and stays bounded.
 */
import { describe, expect, it } from 'vitest';
import type { Classification, Classifier } from '../../src/domain/domain.js';
import { LOCALES } from '../../src/domain/domain.js';
import { CACHED_TEXT_MAX_CHARS, cacheShortClassifications } from '../../src/nlu/classificationCache.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';
import { loadNluData } from '../../src/nlu/nluData.js';

describe('cacheShortClassifications', () => {
  it('gives what the classifier gives for every short training and crisis sentence, in every language, asked twice', {
    timeout: 120_000,
  }, () => {
    const classify = createClassifier();
    const cached = cacheShortClassifications(classify, 100_000);
    const data = loadNluData();
    const { crisis, concern, notCrisis } = data.crisisExamples;
    const texts = [
      ...data.examples.map((example) => example.text),
      ...crisis,
      ...concern,
      ...notCrisis,
      'Hei',
      '1',
      'MENY',
      'STOPP',
      'orker ikke mer',
      'vil ikke leve',
      '😢',
    ];
    const short = texts.filter((text) => text.length <= CACHED_TEXT_MAX_CHARS);
    expect(short.length).toBeGreaterThan(300);
    expect(short.filter((text) => classify(text).crisis).length).toBeGreaterThan(20);
    // only short messages are kept; the first ask fills the cache, the second is answered from it
    for (const locale of LOCALES) {
      for (const expectsYesNo of [false, true]) {
        for (const text of short) {
          const context = { locale, expectsYesNo };
          const expected = classify(text, context);
          expect(cached(text, context), `${text} (${locale})`).toEqual(expected);
          expect(cached(text, context), `${text} (${locale}, from the cache)`).toEqual(expected);
        }
      }
    }
  });

  it('keeps results per language and yes/no expectation, the least recently used let go first', () => {
    const asked: string[] = [];
    const counting: Classifier = (text, context) => {
      asked.push(`${text}/${context?.locale}`);
      return { intent: 'greeting', confidence: 1, crisis: false, risk: 'none', concern: false, language: 'nb' };
    };
    const cached = cacheShortClassifications(counting, 2);
    cached('Hei', { locale: 'nb' });
    cached('Hei', { locale: 'nb' });
    cached('Hei', { locale: 'en' });
    expect(asked).toEqual(['Hei/nb', 'Hei/en']);
    cached('Hei', { locale: 'nb' }); // used again: now "Hei/en" is the least recent
    cached('1', { locale: 'nb' }); // over capacity: "Hei/en" goes
    cached('Hei', { locale: 'nb' });
    cached('Hei', { locale: 'en' });
    expect(asked).toEqual(['Hei/nb', 'Hei/en', '1/nb', 'Hei/en']);
    cached('Hei', { locale: 'nb', expectsYesNo: true });
    expect(asked.at(-1)).toBe('Hei/nb');
  });

  it('classifies longer messages every time, and hands out results nobody can change', () => {
    let calls = 0;
    const counting: Classifier = () => {
      calls += 1;
      return {
        intent: 'unknown',
        confidence: 0,
        crisis: false,
        risk: 'none',
        concern: false,
        language: 'nb',
        guesses: [{ intent: 'measures.ips', confidence: 0.4 }],
      } satisfies Classification;
    };
    const cached = cacheShortClassifications(counting);
    const long = 'x'.repeat(CACHED_TEXT_MAX_CHARS + 1);
    cached(long);
    cached(long);
    expect(calls).toBe(2);
    const result = cached('kort');
    expect(() => {
      (result as { crisis: boolean }).crisis = true;
    }).toThrow(TypeError);
    expect(() => {
      (result.guesses as Array<{ confidence: number }>)[0] = { confidence: 1 };
    }).toThrow(TypeError);
    expect(cached('kort').crisis).toBe(false);
  });
});
