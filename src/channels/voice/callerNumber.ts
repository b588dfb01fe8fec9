/**
 * Whether a caller's number can get the follow-up SMS: a Norwegian mobile number (+47, then 4 or 9
 * and seven more digits). Hidden numbers arrive as words (`anonymous`, `restricted`, `unknown`),
 * empty, or as Twilio's stand-in numbers that spell them on a keypad (+266696687 "anonymous",
 * +7378742833 "restricted", +8656696 "unknown", +2562533 "blocked").
 */
export type CallerNumber = { kind: 'mobile'; number: string } | { kind: 'hidden' } | { kind: 'notMobile' };

const NORWEGIAN_MOBILE = /^\+47[49]\d{7}$/;
const PHONE_NUMBER = /^\+\d{3,15}$/;
const HIDDEN_STAND_INS = new Set(['+266696687', '+7378742833', '+8656696', '+2562533']);

export function classifyCaller(from: string): CallerNumber {
  const number = from.trim();
  if (NORWEGIAN_MOBILE.test(number)) return { kind: 'mobile', number };
  if (!PHONE_NUMBER.test(number) || HIDDEN_STAND_INS.has(number)) return { kind: 'hidden' };
  return { kind: 'notMobile' };
}
