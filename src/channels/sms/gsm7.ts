/**
 * GSM 03.38: the 7-bit SMS alphabet. Text outside it makes the whole SMS UCS-2 (70 characters a
 * segment instead of 160), so everything the bot sends by SMS is kept inside it.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** each of these takes two septets (escape + character) */
const EXTENSION = '^{}\\[~]|€\f';

const basicSet = new Set(BASIC);
const extensionSet = new Set(EXTENSION);

export function isGsm7(text: string): boolean {
  for (const char of text) if (!basicSet.has(char) && !extensionSet.has(char)) return false;
  return true;
}

/** Septets needed; NaN when the text is not GSM-7. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const char of text) {
    if (basicSet.has(char)) septets += 1;
    else if (extensionSet.has(char)) septets += 2;
    else return Number.NaN;
  }
  return septets;
}

/** Number of SMS segments for GSM-7 text (160 alone, 153 each when concatenated). */
export function gsm7Segments(text: string): number {
  const septets = gsm7Length(text);
  if (Number.isNaN(septets)) return Number.NaN;
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2022': '-',
  '\t': ' ',
};

/** Makes any text (a mentor's message) GSM-7: common look-alikes replaced, the rest (emoji) dropped. */
export function toGsm7(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    if (basicSet.has(char) || extensionSet.has(char)) result += char;
    else if (REPLACEMENTS[char] !== undefined) result += REPLACEMENTS[char];
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== char && isGsm7(base)) result += base;
    }
  }
  return result.replace(/ {2,}/g, ' ').trim();
}
