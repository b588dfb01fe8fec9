/**
 * Masks contact details in a text that is kept for staff (an unanswered sample, a "Mener du …?" pick): e-mail
 * addresses, 11-digit numbers (a fødselsnummer or D-number, valid or not) and phone numbers (8 digits
 * with optional +47/0047 and spaces, dots or dashes between groups, or any + number) become neutral
 * placeholders. Deliberately broad: masking a number that was not a phone costs nothing.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** 11 digits in a row, or written 6 + 5 ("010190 12345") */
const ELEVEN_DIGITS = /(?<!\d)\d{6}[ -]?\d{5}(?!\d)/gu;
/** + or 00 and 8 to 15 digits, in groups or not (+47 912 34 567, +44 7700 900123) */
const INTERNATIONAL_PHONE = /(?<![\d+])(?:\+|00)\d(?:[ .-]?\d){7,14}(?!\d)/gu;
/** 8 digits, in groups or not (912 34 567, 22-33-44-55) */
const PHONE = /(?<![\d+])(?:\d[ .-]?){7}\d(?!\d)/gu;

export const MASKS = { email: '[e-post]', nationalId: '[fødselsnummer]', phone: '[telefon]' } as const;

export function maskContactDetails(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(ELEVEN_DIGITS, MASKS.nationalId)
    .replace(INTERNATIONAL_PHONE, MASKS.phone)
    .replace(PHONE, MASKS.phone);
}
