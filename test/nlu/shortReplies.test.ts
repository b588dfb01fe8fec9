import { beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/domain/domain.js';
import { choiceNumberOf } from '../../src/nlu/choiceNumber.js';
import { createClassifier } from '../../src/nlu/createClassifier.js';

let classify: Classifier;
beforeAll(() => {
  classify = createClassifier();
});

describe('number words at a numbered menu', () => {
  it.each([
    ['2', 2],
    ['2.', 2],
    [' 3) ', 3],
    ['to', 2],
    ['To.', 2],
    ['en', 1],
    ['én', 1],
    ['ett', 1],
    ['ein', 1],
    ['eitt', 1],
    ['tre', 3],
    ['fire', 4],
    ['fem', 5],
    ['åtte', 8],
    ['aatte', 8],
    ['two', 2],
    ['nr 2', 2],
    ['nummer to', 2],
  ] as const)('"%s" picks choice %d', (text, number) => {
    expect(choiceNumberOf(text)).toBe(number);
  });

  it.each(['to ting', 'en mentor', 'no', '1.5', 'hei', '2?', ''])('"%s" picks nothing', (text) => {
    expect(choiceNumberOf(text)).toBeUndefined();
  });

  it.each(['to', 'en', 'ett', 'ein', 'eitt', 'tre', 'fire', 'fem', 'two', 'one'])(
    '"%s" alone is never read as wanting a human, but left to the dialog (unknown, confidence 0)',
    (text) => {
      expect(classify(text)).toMatchObject({ intent: 'unknown', confidence: 0 });
    },
  );
});

describe('small replies', () => {
  it.each([
    ['snakkes', 'goodbye'],
    ['Snakkes!', 'goodbye'],
    ['vi snakkast', 'goodbye'],
    ['thx', 'thanks'],
    ['Thx!', 'thanks'],
    ['who am I talking to', 'helpline.about'],
    ['hvem snakker jeg med', 'helpline.about'],
    ['kven snakkar eg med?', 'helpline.about'],
    ['er du en robot?', 'helpline.about'],
  ] as const)('"%s" is %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });

  it('still reads a plain wish for a person as human', () => {
    expect(classify('kan jeg snakke med et menneske?').intent).toBe('human');
  });
});

describe('emoji and nothing else', () => {
  it('reads a sad emoji as a sad signal: not understood-and-dismissed, not a crisis, not a concern', () => {
    for (const text of ['😔', '😢😢', '😞 ', '🥺']) {
      expect(classify(text)).toMatchObject({ intent: 'unknown', emoji: 'sad', crisis: false, concern: false });
    }
  });

  it.each([
    ['👍', 'affirm'],
    ['👍🏽', 'affirm'],
    ['🙏', 'thanks'],
    ['❤️', 'thanks'],
    ['👋', 'greeting'],
  ] as const)('reads "%s" as %s', (text, intent) => {
    const result = classify(text);
    expect(result.intent).toBe(intent);
    expect(result.emoji).toBeUndefined();
  });

  it('marks any other emoji-only message as emoji "other", and a message with words not at all', () => {
    expect(classify('🎉')).toMatchObject({ intent: 'unknown', emoji: 'other' });
    expect(classify('😔 hei').emoji).toBeUndefined();
    expect(classify('hva er lønnstilskudd').emoji).toBeUndefined();
  });
});
