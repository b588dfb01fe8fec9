/**
 * Masks what would let a kept text name or reach a person: e-mail addresses, every 11-digit number
 * (a fødselsnummer or D-number, valid or not: a typo in one is still one), and phone numbers (eight
 * digits or more, with +, spaces, dots, dashes or brackets between them, Norwegian or foreign). It
 * errs on masking: a long order number is masked too. Names and addresses in words are not found
 * here; that is why samples are off by default and kept at most RETENTION_DAYS.
 */

export const MASKS = { email: '[e-post]', nationalId: '[fødselsnummer]', phone: '[telefon]' } as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** eleven digits, possibly written 6+5 with a space or dash ("010190 12345") */
const NATIONAL_ID = /(?<!\d)\d{6}[\s-]?\d{5}(?!\d)/g;
/** a run of digits and separators that holds at least eight digits ("+47 912 34 567", "22 40 00 40") */
const PHONE = /(?<![\p{L}\p{N}])[(+]{0,3}\d(?:[\s.()-]{0,2}\d){7,}(?![\p{L}\p{N}])/gu;

export function maskContactDetails(text: string): string {
  return text.replace(EMAIL, MASKS.email).replace(NATIONAL_ID, MASKS.nationalId).replace(PHONE, MASKS.phone);
}
