import { describe, expect, it } from 'vitest';
import { createCrisisDetector, detectCrisis } from '../../src/nlu/detectCrisis.js';
import { readLabelledMessages } from '../../src/nlu/evaluateClassifier.js';
import {
  BENIGN_LOOKALIKES_FILE,
  CRISIS_PHRASINGS_FILE,
  evaluateCrisis,
  readMessageSet,
} from '../../src/nlu/evaluateCrisis.js';
import { loadCrisisPatterns, loadNluData } from '../../src/nlu/nluData.js';

const crisisPhrasings = readMessageSet(CRISIS_PHRASINGS_FILE);
const benignLookalikes = readMessageSet(BENIGN_LOOKALIKES_FILE);

describe('detectCrisis on its own test sets', () => {
  const report = evaluateCrisis(detectCrisis, crisisPhrasings, benignLookalikes);

  it('has at least 60 crisis phrasings and 60 benign look-alikes', () => {
    expect(crisisPhrasings.length).toBeGreaterThanOrEqual(60);
    expect(benignLookalikes.length).toBeGreaterThanOrEqual(60);
  });

  it('flags every crisis phrasing (recall 100 %)', () => {
    expect(report.missed).toEqual([]);
  });

  it('raises at most 5 % false alarms on the benign look-alikes', () => {
    expect(report.falseAlarmRate).toBeLessThanOrEqual(0.05);
  });
});

describe('detectCrisis', () => {
  it.each([
    'jeg vil ikke leve lenger',
    'ser ingen mening med noe lenger',
    'blir borte for godt',
    'eg vil ikkje leve lenger',
    'i want to end my life',
    'tenker paa selvmord',
    'slevmordstanker',
    'SELVMORD',
  ])('flags "%s"', (text) => {
    expect(detectCrisis(text)).toBe(true);
  });

  it('never lets negation switch a hit off', () => {
    expect(detectCrisis('jeg har ikke selvmordstanker')).toBe(true);
    expect(detectCrisis("i'm not suicidal, just tired")).toBe(true);
  });

  it.each(['helt utslitt', 'døde av skam på møtet', 'vil ikke fortelle det til lederen', 'ta livet med ro'])(
    'does not flag "%s"',
    (text) => {
      expect(detectCrisis(text)).toBe(false);
    },
  );

  it('blanks out harmless idioms only, so a real signal beside one still counts', () => {
    expect(detectCrisis('holdt på å dø av kjedsomhet i møtet')).toBe(false);
    expect(detectCrisis('jeg døde av skam i dag og nå vil jeg bare dø')).toBe(true);
  });

  it('flags no ordinary question in the training examples or the held-out set', () => {
    const detect = createCrisisDetector(loadCrisisPatterns());
    const ordinary = [
      ...loadNluData().examples.map((example) => example.text),
      ...readLabelledMessages().map((message) => message.text),
    ];
    expect(ordinary.filter((text) => detect(text))).toEqual([]);
  });

  it('names the patterns a message matches, so staff can see why it was flagged', () => {
    const detect = createCrisisDetector(loadCrisisPatterns());
    expect(detect.matchingPatterns('tenker på selvmord')).toContain('selvmord*');
    expect(detect.matchingPatterns('hva er lønnstilskudd')).toEqual([]);
  });

  it('rejects a pattern that starts with the end of the message', () => {
    expect(() =>
      createCrisisDetector({
        about: [],
        harmlessPhrases: [],
        groups: [{ name: 'broken', maxGap: 0, patterns: ['$ livet'] }],
      }),
    ).toThrow(/must start with a word/);
  });
});
