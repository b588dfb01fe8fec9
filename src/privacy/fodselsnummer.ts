/**
 * A fødselsnummer or D-nummer is never stored or shown: an 11-digit number that passes the checksum
 * (and date) check of NAV's own validator is replaced by a mask before the message goes anywhere.
 * People type them with spaces or dots ("010190 12345", "01.01.90 123 45"), so a single space, dot
 * or dash between digits is allowed. Phone numbers and e-mail addresses are left alone.
 */
import { dnr, fnr } from '@navikt/fnrvalidator';

/** what the transcript holds instead (like `[mobilnummer]` for a callback number) */
export const FODSELSNUMMER_MASK = '[fødselsnummer]';

/**
 * eleven digits, one optional separator between any two, starting and ending where a run of digits
 * does (a separator may stand between it and the next number: "13097248022 91234567")
 */
const ELEVEN_DIGITS = /(?<!\d)\d(?:[ .-]?\d){10}(?!\d)/uy;

export function isFodselsnummer(candidate: string): boolean {
  const digits = candidate.replace(/\D/gu, '');
  if (digits.length !== 11) return false;
  return fnr(digits).status === 'valid' || dnr(digits).status === 'valid';
}

/** `text` with every fødselsnummer and D-nummer masked, and whether there was one */
export function maskFodselsnummer(text: string): { text: string; masked: boolean } {
  let result = '';
  let masked = false;
  let index = 0;
  // every start is tried: a candidate that fails the check must not hide one that begins inside it
  while (index < text.length) {
    ELEVEN_DIGITS.lastIndex = index;
    const candidate = ELEVEN_DIGITS.exec(text)?.[0];
    if (candidate !== undefined && isFodselsnummer(candidate)) {
      result += FODSELSNUMMER_MASK;
      masked = true;
      index += candidate.length;
    } else {
      result += text[index];
      index += 1;
    }
  }
  return { text: result, masked };
}
