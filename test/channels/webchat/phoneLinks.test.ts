/** Phone numbers in web chat copy become tel: links; other figures stay text. */
import { describe, expect, test } from 'vitest';
import { linkPhoneNumbers } from '../../../src/channels/webchat/phoneLinks.js';

describe('linkPhoneNumbers', () => {
  test.each([
    ['ring 113 nå', 'ring [113](tel:113) nå'],
    ['legevakten på 116 117,', 'legevakten på [116 117](tel:116117),'],
    ['Hjelpetelefonen 116123', 'Hjelpetelefonen [116123](tel:116123)'],
    ['Kirkens SOS på 22 40 00 40.', 'Kirkens SOS på [22 40 00 40](tel:22400040).'],
    ['ring 225 66 700', 'ring [225 66 700](tel:22566700)'],
  ])('%s', (text, linked) => {
    expect(linkPhoneNumbers(text)).toBe(linked);
  });

  test.each([
    'slettes etter 30 dager',
    'vanligvis 40 % av lønnen',
    'arbeidsmiljøloven § 9-3',
    '83 % i 2018',
    'opptil 1130 kroner',
  ])('leaves "%s" as it is', (text) => {
    expect(linkPhoneNumbers(text)).toBe(text);
  });
});
