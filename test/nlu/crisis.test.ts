import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CrisisAssessor, createCrisisAssessor } from '../../src/nlu/assessCrisis.js';
import { createCrisisDetector, detectCrisis } from '../../src/nlu/detectCrisis.js';
import { readLabelledMessages } from '../../src/nlu/evaluateClassifier.js';
import {
  BENIGN_LOOKALIKES_FILE,
  CRISIS_PHRASINGS_FILE,
  evaluateCrisis,
  evaluateHeldOutRound,
  readConcernSet,
  readCrisisHeldOut,
  readMessageSet,
} from '../../src/nlu/evaluateCrisis.js';
import { loadCrisisPatterns, loadNluData } from '../../src/nlu/nluData.js';
import { foldedWords } from '../../src/nlu/normalizeText.js';

const data = loadNluData();
const crisisPhrasings = readMessageSet(CRISIS_PHRASINGS_FILE);
const benignLookalikes = readMessageSet(BENIGN_LOOKALIKES_FILE);
const heldOutRounds = readCrisisHeldOut();
const recorded: { crisisHeldOut: Array<{ round: number; caught: number; lookalikesFlagged: number }> } = JSON.parse(
  readFileSync(new URL('./recordedAccuracy.json', import.meta.url), 'utf8'),
);
let assess: CrisisAssessor;
beforeAll(() => {
  assess = createCrisisAssessor(data);
});

describe('crisis detection on the tuning set (test/nlu/crisisPhrasings.json, benignLookalikes.json)', () => {
  it('has at least 60 crisis phrasings and 60 benign look-alikes', () => {
    expect(crisisPhrasings.length).toBeGreaterThanOrEqual(60);
    expect(benignLookalikes.length).toBeGreaterThanOrEqual(60);
  });

  it('flags every crisis phrasing (recall 100 %) and raises at most 5 % false alarms on the look-alikes', () => {
    const report = evaluateCrisis((text) => assess(text).crisis, crisisPhrasings, benignLookalikes);
    expect(report.missed).toEqual([]);
    expect(report.falseAlarmRate).toBeLessThanOrEqual(0.05);
  });

  it('gives every in-between message a crisis or a concern', () => {
    expect(readConcernSet().filter((text) => !assess(text).crisis && !assess(text).concern)).toEqual([]);
  });
});

describe('crisis detection on the held-out set (test/nlu/crisisHeldOut.json)', () => {
  it('has a first round of at least 40 plain and 40 hard phrasings and 25 look-alikes, each round with its first-measured figures', () => {
    const first = heldOutRounds[0];
    expect(first?.crisis.filter((entry) => entry.kind === 'plain').length).toBeGreaterThanOrEqual(40);
    expect(first?.crisis.filter((entry) => entry.kind === 'hard').length).toBeGreaterThanOrEqual(40);
    expect(first?.lookalikes.length).toBeGreaterThanOrEqual(25);
    for (const round of heldOutRounds) expect(round.firstMeasured.crisisRecall).toBeDefined();
  });

  it('shares no message with the training examples or the tuning set (but those a round lists as there before it)', () => {
    const key = (text: string) => foldedWords(text).join(' ');
    const seen = new Set(
      [
        ...data.crisisExamples.crisis,
        ...data.crisisExamples.concern,
        ...data.crisisExamples.notCrisis,
        ...crisisPhrasings,
        ...benignLookalikes,
      ].map(key),
    );
    // a message the round lists as already in the data before it was written is the one exception
    const notListed = <T>(list: readonly T[], listed: readonly number[] = []) =>
      list.filter((_, index) => !listed.includes(index));
    const heldOut = heldOutRounds.flatMap((round) => [
      ...notListed(round.crisis, round.inDataBefore?.crisis).map((entry) => entry.text),
      ...notListed(round.lookalikes, round.inDataBefore?.lookalikes),
      ...notListed(round.concern, round.inDataBefore?.concern),
    ]);
    expect(heldOut.filter((text) => seen.has(key(text)))).toEqual([]);
    const listed = heldOutRounds.flatMap((round) => [
      ...(round.inDataBefore?.crisis ?? []).map((index) => round.crisis[index]?.text ?? ''),
      ...(round.inDataBefore?.lookalikes ?? []).map((index) => round.lookalikes[index] ?? ''),
      ...(round.inDataBefore?.concern ?? []).map((index) => round.concern[index] ?? ''),
    ]);
    expect(listed.filter((text) => !seen.has(key(text)))).toEqual([]);
  });

  it.each(recorded.crisisHeldOut)(
    'round $round catches at least $caught phrasings and flags at most $lookalikesFlagged look-alikes (recorded)',
    ({ round, caught, lookalikesFlagged }) => {
      const heldOutRound = heldOutRounds.find((candidate) => candidate.round === round);
      if (heldOutRound === undefined) throw new Error(`no round ${round} in crisisHeldOut.json`);
      const report = evaluateHeldOutRound(assess, heldOutRound);
      expect(report.crisisCount - report.missed.length).toBeGreaterThanOrEqual(caught);
      expect(report.falseAlarms.length).toBeLessThanOrEqual(lookalikesFlagged);
    },
  );
});

describe('crisis detection on ordinary messages', () => {
  it('flags no topic example and no held-out topic message, and raises no concern on them', () => {
    const ordinary = [
      ...data.examples.map((example) => example.text),
      ...readLabelledMessages().map((message) => message.text),
    ];
    expect(ordinary.filter((text) => assess(text).crisis)).toEqual([]);
    expect(ordinary.filter((text) => assess(text).concern)).toEqual([]);
  });
});

describe('the learned signal', () => {
  it('catches held-out phrasings no pattern names', () => {
    const patternsOnly = createCrisisDetector(data.crisisPatterns);
    const heldOut = heldOutRounds.flatMap((round) => round.crisis.map((entry) => entry.text));
    const caughtByModelOnly = heldOut.filter((text) => !patternsOnly(text) && assess(text).crisis);
    expect(caughtByModelOnly.length).toBeGreaterThanOrEqual(5);
  });

  it('is deterministic: a second assessor gives the same scores', () => {
    const again = createCrisisAssessor(data);
    for (const text of [...crisisPhrasings.slice(0, 20), ...benignLookalikes.slice(0, 20)]) {
      expect(again(text)).toEqual(assess(text));
    }
  });

  it('makes no crisis of a high score beside no warning sign, but asks (concern)', () => {
    const result = assess('jeg har sagt alt');
    expect(result.crisis).toBe(false);
  });
});

describe('risk level', () => {
  it.each([
    ['jeg vil ikke leve lenger', 'thoughts'],
    ['jeg er en byrde for alle, de hadde hatt det bedre uten meg', 'thoughts'],
    ['har skrevet avskjedsbrev til familien og bestemt meg', 'plan'],
    ['i have decided, it happens tomorrow, i want to die', 'plan'],
    ['har kjøpt tau og tenker på å henge meg', 'means'],
    ['tenker på å hoppe fra brua', 'means'],
    ['vil kaste meg foran toget', 'means'],
    ['har tatt alle pillene mine', 'imminent'],
    ['i took all my pills', 'imminent'],
    ['jeg står på brua nå og vil dø', 'imminent'],
  ] as const)('"%s" is %s', (text, risk) => {
    expect(assess(text)).toMatchObject({ crisis: true, risk });
  });

  it('is none exactly when there is no crisis, and concern is never set beside a crisis', () => {
    for (const text of [...crisisPhrasings, ...benignLookalikes, 'jeg orker ikke mer', 'hei']) {
      const result = assess(text);
      expect(result.risk === 'none').toBe(!result.crisis);
      if (result.crisis) expect(result.concern).toBe(false);
    }
  });
});

describe('a pattern in a message about work that does not speak of the writer', () => {
  it.each([
    'sjefen sa han ville ta livet av seg om kunden klaget en gang til',
    'kollegaen tullet med at hun skulle hoppe fra taket hvis lønnsoppgjøret ble dårlig',
  ])('"%s" matches a pattern but is a concern (asked directly), not a crisis', (text) => {
    expect(assess(text)).toMatchObject({ crisis: false, concern: true });
    expect(assess(text).patterns.length).toBeGreaterThan(0);
  });

  it.each(['jeg vil ta livet av meg, orker ikke jobben mer', 'jeg skal hoppe fra taket på jobben i kveld'])(
    '"%s" speaks of the writer and stays a crisis',
    (text) => {
      expect(assess(text).crisis).toBe(true);
    },
  );
});

describe('who a pattern is about, and jokes', () => {
  it('asks, and does not alarm, when a pattern follows another person as the subject', () => {
    const result = assess('kollegaen min sa han skulle hoppe fra taket om kunden ringte igjen');
    expect(result.patterns.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ crisis: false, concern: true });
  });

  it('stays a crisis when another pattern in the message is about the writer', () => {
    expect(assess('kollegaen min sa han skulle hoppe fra taket, og jeg vil også ta livet mitt').crisis).toBe(true);
  });

  it('turns a learned-score crisis in a joking message into the direct question', () => {
    expect(assess('vil ikke våkne før fredag 😂')).toMatchObject({ crisis: false, concern: true });
  });

  it('does not let a joke switch off a pattern that speaks of the writer', () => {
    expect(assess('lol jeg vil bare dø').crisis).toBe(true);
  });

  it('reads "self harm" exactly, so Norwegian "selv har" is no pattern', () => {
    expect(assess('i self harm when it gets bad').crisis).toBe(true);
    expect(assess('jeg selv har vært syk lenge').patterns).toEqual([]);
  });
});

describe('a long message, sentence by sentence', () => {
  it('scores a sentence with a warning sign on its own, so a question about work does not drown it', () => {
    const text =
      'Hei, jeg lurer på når utbetalingen av arbeidsavklaringspenger kommer denne måneden. Har samlet alle pillene jeg har i en pose.';
    expect(assess(text).score).toBeGreaterThan(0.9);
  });

  it('does not score a short sentence with no sign on its own ("Eg har vore sjuk lenge.")', () => {
    expect(
      assess('Eg har vore sjuk lenge. Ein arbeidsgivar vurderer meg, men er usikker. Kva hjelp finst?'),
    ).toMatchObject({ crisis: false, concern: false });
  });
});

describe('concern: between a crisis and nothing', () => {
  it.each([
    'jeg orker ikke mer',
    'eg orkar ikkje meir',
    'ingenting nytter, jeg gir opp',
    'i cant go on',
    'I feel so hopeless',
  ])('"%s" is a concern, not a crisis', (text) => {
    expect(assess(text)).toMatchObject({ crisis: false, concern: true });
  });

  it.each(['orker ikke flere møter i dag', 'hva er lønnstilskudd', 'hei', 'takk for hjelpen'])(
    '"%s" is neither',
    (text) => {
      expect(assess(text)).toMatchObject({ crisis: false, concern: false });
    },
  );
});

describe('detectCrisis (the patterns)', () => {
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

  it.each([
    'helt utslitt',
    'døde av skam på møtet',
    'vil ikke fortelle det til lederen',
    'ta livet med ro',
    'vi har kurs i selvmordsforebygging',
    'en overdose av kaffe',
  ])('does not flag "%s"', (text) => {
    expect(detectCrisis(text)).toBe(false);
  });

  it('blanks out harmless idioms only, so a real signal beside one still counts', () => {
    expect(detectCrisis('holdt på å dø av kjedsomhet i møtet')).toBe(false);
    expect(detectCrisis('jeg døde av skam i dag og nå vil jeg bare dø')).toBe(true);
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
