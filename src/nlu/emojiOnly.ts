/**
 * What a message of emoji and nothing else says (src/nlu/data/emoji.json): an intent (👍 affirm,
 * 🙏 thanks, 👋 greeting), or, when no intent fits, whether it is sad (😔), so the dialog can answer
 * kindly instead of "I didn't understand".
 */
import type { EmojiSignal, IntentId } from '../domain/domain.js';

export interface EmojiData {
  intents: Partial<Record<IntentId, string[]>>;
  sad: string[];
}

export type EmojiReading = { intent: IntentId } | { emoji: EmojiSignal };

/** skin tones, variation selectors, the zero-width joiner and spaces carry no meaning of their own */
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\s/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function createEmojiReader(data: EmojiData): (text: string) => EmojiReading | undefined {
  const intentOf = new Map<string, IntentId>();
  for (const [intent, emoji] of Object.entries(data.intents) as Array<[IntentId, string[]]>) {
    for (const symbol of emoji) intentOf.set(symbol, intent);
  }
  const sad = new Set(data.sad);
  return (text) => {
    if (LETTER_OR_DIGIT.test(text) || !PICTOGRAPH.test(text)) return undefined;
    const symbols = [...text.replace(MODIFIERS, '')].filter((symbol) => !/\p{P}/u.test(symbol));
    if (symbols.some((symbol) => sad.has(symbol))) return { emoji: 'sad' };
    const intents = new Set(symbols.map((symbol) => intentOf.get(symbol)));
    const [only] = intents;
    if (intents.size === 1 && only !== undefined) return { intent: only };
    return { emoji: 'other' };
  };
}
