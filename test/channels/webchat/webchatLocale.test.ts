import { describe, expect, test } from 'vitest';
import { localeFromTag, tagOfLocale } from '../../../src/channels/webchat/webchatLocale.js';

describe('localeFromTag', () => {
  test.each([
    ['nb-NO', 'nb'],
    ['nb', 'nb'],
    ['no', 'nb'],
    ['NO-no', 'nb'],
    ['nn-NO', 'nn'],
    ['nn', 'nn'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['en', 'en'],
    ['sv-SE', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale);
  });

  test('the tags we send map back to the same locale', () => {
    for (const locale of ['nb', 'nn', 'en'] as const) expect(localeFromTag(tagOfLocale(locale))).toBe(locale);
  });
});
