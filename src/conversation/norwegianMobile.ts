/**
 * A Norwegian mobile number as people type it: 8 digits starting with 4 or 9, with or without +47 or
 * 0047, with spaces, dots or dashes anywhere ("+47 912 34 567", "0047-91234567").
 */
const MOBILE = /^(?:\+47|0047)?([49]\d{7})$/;
const SEPARATORS = /[\s.-]/g;
/** what a typed number looks like: digits (and a leading +), five to fifteen of them */
const NUMBER_LIKE = /^\+?\d{5,15}$/;

/** E.164 (`+4791234567`), or undefined when `text` is not just a Norwegian mobile number */
export function parseNorwegianMobile(text: string): string | undefined {
  const digits = MOBILE.exec(text.replace(SEPARATORS, ''))?.[1];
  return digits === undefined ? undefined : `+47${digits}`;
}

/** a phone number that is not a Norwegian mobile one (a landline, a foreign number, a digit short) */
export function looksLikePhoneNumber(text: string): boolean {
  return NUMBER_LIKE.test(text.replace(/[\s.()-]/g, '')) && parseNorwegianMobile(text) === undefined;
}
