import { beforeAll, describe, expect, it } from 'vitest';
import { type Classifier, INTENTS, isTopicIntent } from '../../src/domain/domain.js';
import { createClassifier, INTENT_WINDOW_CHARS } from '../../src/nlu/createClassifier.js';

let classify: Classifier;
beforeAll(() => {
  classify = createClassifier();
});

describe('classify: the contract', () => {
  it('answers with a contract intent id, a confidence in 0..1, a crisis flag, a risk level, a concern flag, a language and its topic guesses', () => {
    const result = classify('Hva er lønnstilskudd?');
    expect(Object.keys(result).sort()).toEqual([
      'concern',
      'confidence',
      'crisis',
      'guesses',
      'intent',
      'language',
      'risk',
    ]);
    expect(INTENTS).toContain(result.intent);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result).toMatchObject({ intent: 'measures.wage_subsidy', crisis: false, risk: 'none', language: 'nb' });
  });

  it('reads crisis from the whole message, the intent from its first INTENT_WINDOW_CHARS characters', () => {
    const filler = 'Hva er lønnstilskudd, og hvem kan få det? '.repeat(Math.ceil(INTENT_WINDOW_CHARS / 40) + 10);
    const result = classify(`${filler}Men egentlig vil jeg ikke leve lenger.`);
    expect(result).toMatchObject({ intent: 'measures.wage_subsidy', crisis: true });
    expect(classify(filler).crisis).toBe(false);
  });

  it('is deterministic: the same text gives the same answer, also from a second classifier', () => {
    const again = createClassifier();
    for (const text of ['hvordan sier jeg det til sjefen', 'ja', 'kva er IPS', 'xyz']) {
      expect(classify(text)).toEqual(classify(text));
      expect(again(text)).toEqual(classify(text));
    }
  });
});

describe('classify: whole-message keywords', () => {
  it.each([
    ['STOPP', 'optout'],
    ['stop', 'optout'],
    ['Avslutt', 'optout'],
    ['SLETT', 'erase'],
    ['MENY', 'menu'],
    ['meny', 'menu'],
    ['hjelp', 'menu'],
  ])('%s → %s with full confidence', (text, intent) => {
    expect(classify(text)).toMatchObject({ intent, confidence: 1, crisis: false });
  });

  it.each(['ja', 'Ja!', 'jepp', 'jo', 'yes', 'ja takk', 'JA TAKK.', 'jaa'])('%s → affirm', (text) => {
    expect(classify(text).intent).toBe('affirm');
  });

  it.each(['nei', 'Nei takk', 'nope', 'no', 'nei.', 'neida'])('%s → deny', (text) => {
    expect(classify(text).intent).toBe('deny');
  });

  it('leaves a bare number to the dialog: unknown with low confidence', () => {
    for (const text of ['2', ' 3 ', '12']) {
      const result = classify(text);
      expect(result.intent).toBe('unknown');
      expect(result.confidence).toBeLessThan(0.1);
    }
  });

  it('answers unknown with no confidence for an empty message or only punctuation', () => {
    expect(classify('')).toMatchObject({ intent: 'unknown', confidence: 0 });
    expect(classify('???')).toMatchObject({ intent: 'unknown', confidence: 0 });
  });
});

describe('classify: robust to how people write', () => {
  it.each([
    ['lonnstilskudd', 'measures.wage_subsidy'],
    ['hva er lønnstilskud', 'measures.wage_subsidy'],
    ['lønnstilskuddordning', 'measures.wage_subsidy'],
    ['LØNNSTILSKUDD???', 'measures.wage_subsidy'],
    ['aapenhet paa jobb, lurt?', 'openness.whether'],
    ['arbeidstreninng', 'measures.work_training'],
    ['tilretteleging paa jobben', 'measures.adaptation'],
    ['navveilederen min svarer ikke', 'measures.nav_followup'],
    ['kva er lønstilskot', 'measures.wage_subsidy'],
    ['korleis fortel eg leiaren at eg har angst', 'openness.how'],
    ['what is a wage subsidy', 'measures.wage_subsidy'],
    ['can i talk to a human', 'human'],
  ])('%s → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });

  it('reads everyday words for the employer as the employer', () => {
    const intents = ['sjefen', 'lederen', 'arbeidsgiveren', 'leiaren'].map(
      (word) => classify(`må jeg fortelle ${word} om diagnosen min?`).intent,
    );
    expect(new Set(intents)).toEqual(new Set(['openness.rights']));
  });

  it('answers unknown for things the helpline does not cover', () => {
    for (const text of ['kan du bestille en pizza til meg', 'hvem vant fotballkampen i går', 'asdf qwerty']) {
      expect(classify(text).intent).toBe('unknown');
    }
  });

  it('leans to affirm and deny when the bot just asked a yes/no question', () => {
    const asked = { locale: 'nb', expectsYesNo: true } as const;
    expect(classify('ja det vil jeg gjerne', asked).intent).toBe('affirm');
    expect(classify('nei det trenger jeg ikke', asked).intent).toBe('deny');
    const plain = classify('høres bra ut', { locale: 'nb' });
    const answering = classify('høres bra ut', asked);
    expect(answering.intent).toBe('affirm');
    expect(answering.confidence).toBeGreaterThan(plain.confidence);
  });
});

describe('classify: odd input', () => {
  it('copes with long junk (a pasted key, a mashed keyboard) without a costly typo search', () => {
    // 20 distinct 1000-letter words: a search over all deletions of each would outlast the test timeout
    for (let seed = 0; seed < 20; seed++) {
      const junk = Array.from({ length: 1000 }, (_, index) =>
        String.fromCharCode(97 + ((index * 7919 + seed) % 26)),
      ).join('');
      expect(classify(junk)).toMatchObject({ intent: 'unknown', crisis: false });
    }
    expect(classify('selvmord '.repeat(120)).crisis).toBe(true);
    expect(classify('🎉'.repeat(300))).toMatchObject({ intent: 'unknown', emoji: 'other' });
  });
});

describe('classify: crisis beside the intent', () => {
  it('flags a crisis whatever the intent is', () => {
    const result = classify('jeg vil ikke leve lenger');
    expect(result.crisis).toBe(true);
    const withTopic = classify('har selvmordstanker og lurer på om jeg bør si det til sjefen');
    expect(withTopic.crisis).toBe(true);
    expect(isTopicIntent(withTopic.intent)).toBe(true);
  });

  it('does not flag an ordinary question', () => {
    expect(classify('hvordan fungerer gradert sykmelding').crisis).toBe(false);
  });
});

describe('classify: language', () => {
  it.each([
    ['Eg veit ikkje korleis eg skal seie det', 'nn'],
    ['Jeg vet ikke hvordan jeg skal si det', 'nb'],
    ['I do not know how to tell my boss', 'en'],
  ])('%s → %s', (text, language) => {
    expect(classify(text, { locale: 'nb' }).language).toBe(language);
  });

  it('keeps the conversation language when a message does not say', () => {
    for (const locale of ['nb', 'nn', 'en'] as const) {
      expect(classify('hei', { locale }).language).toBe(locale);
      expect(classify('2', { locale }).language).toBe(locale);
      expect(classify('lønnstilskudd', { locale }).language).toBe(locale);
    }
  });

  it('defaults to bokmål without a context', () => {
    expect(classify('ok').language).toBe('nb');
  });
});
