import { readFileSync } from 'node:fs';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { foldedWords } from '../../src/nlu/normalizeText.js';
import { stemWord } from '../../src/nlu/stemWord.js';

const dataFile = (path: string) => readFileSync(new URL(`../../src/nlu/data/${path}`, import.meta.url), 'utf8');

describe('stemWord', () => {
  it('gives the same stems as the snowball-stemmers package on every word of the examples and test sets', () => {
    const reference = snowball.newStemmer('norwegian');
    const referenceStem = (word: string) => {
      const once = reference.stem(word);
      return once === word ? once : reference.stem(once);
    };
    const text = [
      dataFile('examples/nb.json'),
      dataFile('examples/nn.json'),
      dataFile('examples/en.json'),
      dataFile('synonyms.json'),
      readFileSync(new URL('./heldOut.jsonl', import.meta.url), 'utf8'),
      'kollegaer aapen hverdagens sterks lysk kjørte åpenheten arbeidsgiverne sykmeldingene hetslov spesielt',
    ].join(' ');
    const words = [
      ...new Set([
        ...foldedWords(text),
        ...text
          .toLowerCase()
          .split(/[^\p{L}]+/u)
          .filter(Boolean),
      ]),
    ];
    expect(words.length).toBeGreaterThan(1000);
    expect(words.filter((word) => stemWord(word) !== referenceStem(word))).toEqual([]);
  });

  it('brings the forms of a word to one stem', () => {
    expect(new Set(['leder', 'lederen', 'ledere'].map(stemWord)).size).toBe(1);
    expect(stemWord('lonnstilskuddet')).toBe(stemWord('lonnstilskudd'));
  });
});
