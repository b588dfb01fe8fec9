/**
 * What a message is before any word is read: empty, a picture without text, or nothing but emoji.
 * The dialog answers each kindly in its own way (an empty SMS is not "I cannot read pictures").
 */

/** emoji, with the joiners, variation selectors, skin tones and keycaps that build them */
const EMOJI_ONLY =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u200d\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}]|\s)+$/u;
const HAS_PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

export interface MessageSurface {
  empty?: true;
  picture?: true;
  emojiOnly?: true;
}

/** `text` is already trimmed; `picked` is true when an offered choice was picked (a button has no text) */
export function surfaceOf(text: string, hasMedia: boolean | undefined, picked: boolean): MessageSurface {
  if (picked) return {};
  if (text === '') return hasMedia ? { empty: true, picture: true } : { empty: true };
  if (EMOJI_ONLY.test(text) && HAS_PICTOGRAPH.test(text)) return { emojiOnly: true };
  return {};
}
