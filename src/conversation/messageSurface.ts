/**
 * What a message is before any word is read: empty, a picture without text, nothing but emoji, or a
 * phone number. The dialog answers each in its own way (an empty SMS is not "I cannot read pictures").
 */
import { looksLikePhoneNumber, parseNorwegianMobile } from './norwegianMobile.js';

/** emoji, with the joiners, variation selectors, skin tones and keycaps that build them */
const EMOJI_ONLY =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u200d\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}]|\s)+$/u;
const HAS_PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export interface MessageSurface {
  empty?: true;
  picture?: true;
  emojiOnly?: true;
  /** a Norwegian mobile number, E.164 */
  phone?: string;
  /** a number that is not a Norwegian mobile one */
  phoneLike?: true;
}

/** `text` is already trimmed; `picked` is true when an offered choice was picked (a button has no text) */
export function surfaceOf(text: string, hasMedia: boolean | undefined, picked: boolean): MessageSurface {
  if (picked) return {};
  if (text === '') return hasMedia ? { empty: true, picture: true } : { empty: true };
  if (EMOJI_ONLY.test(text) && HAS_PICTOGRAPH.test(text)) return { emojiOnly: true };
  const phone = parseNorwegianMobile(text);
  if (phone) return { phone };
  if (looksLikePhoneNumber(text)) return { phoneLike: true };
  return {};
}
