import { describe, expect, it } from 'vitest';
import { CONVERSATION_INTENTS, TOPIC_INTENTS } from '../../src/domain/domain.js';
import { createMessageAnalyzer } from '../../src/nlu/messageAnalyzer.js';
import { loadNluData } from '../../src/nlu/nluData.js';

const data = loadNluData();
const count = (intent: string, locale: string) =>
  data.examples.filter((example) => example.intent === intent && example.locale === locale).length;

describe('the training examples in src/nlu/data', () => {
  it('has at least 25 bokmål examples and some nynorsk and English ones for every topic', () => {
    for (const intent of TOPIC_INTENTS) {
      expect(count(intent, 'nb'), intent).toBeGreaterThanOrEqual(25);
      expect(count(intent, 'nn'), intent).toBeGreaterThanOrEqual(5);
      expect(count(intent, 'en'), intent).toBeGreaterThanOrEqual(5);
    }
  });

  it('has examples for every conversation intent, out-of-scope ones included', () => {
    for (const intent of CONVERSATION_INTENTS) expect(count(intent, 'nb'), intent).toBeGreaterThanOrEqual(10);
  });

  it('lists no example twice for different intents', () => {
    const intentsOf = new Map<string, Set<string>>();
    for (const example of data.examples) {
      const key = example.text.toLowerCase();
      intentsOf.set(key, new Set([...(intentsOf.get(key) ?? []), example.intent]));
    }
    expect([...intentsOf].filter(([, intents]) => intents.size > 1).map(([text]) => text)).toEqual([]);
  });
});

describe('synonyms', () => {
  it('maps nynorsk, English and everyday words to one concept', () => {
    const analyzer = createMessageAnalyzer([], data.synonyms);
    expect(analyzer.analyze('sjefen leiaren boss arbeidsgiveren')).toEqual([
      'arbeidsgiver',
      'arbeidsgiver',
      'arbeidsgiver',
      'arbeidsgiver',
    ]);
    expect(analyzer.analyze('sick leave')).toEqual(['sykmelding']);
  });

  it('refuses a word listed under two concepts', () => {
    expect(() => createMessageAnalyzer([], { leder: ['sjefen'], kollega: ['sjef'] })).toThrow(/is in both/);
  });
});
