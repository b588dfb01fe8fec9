/**
 * The held-out set of long messages (test/nlu/longHeldOut.json): two to four sentences that describe
 * a situation without naming the measure, in rounds, each written before the change it measures and
 * keeping the figures it was first measured at. Top-1 is the intent the classifier answers; top-3
 * counts a message when its topic is among the three best guesses, which is what "Mener du …?" offers.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES, TOPIC_INTENTS, type TopicIntent } from '../domain/domain.js';
import type { ExplainingClassifier } from './createClassifier.js';

const LONG_HELD_OUT_FILE = new URL('../../test/nlu/longHeldOut.json', import.meta.url);

const longMessage = z.object({ text: z.string(), intent: z.enum(TOPIC_INTENTS), language: z.enum(LOCALES) });
const figures = z.object({ top1: z.number(), top3: z.number(), commit: z.string() });
const longHeldOutRound = z.object({
  round: z.number().int().positive(),
  written: z.string(),
  firstMeasured: figures.nullable(),
  messages: z.array(longMessage),
});
const longHeldOutFile = z.object({ about: z.array(z.string()), rounds: z.array(longHeldOutRound) });

export type LongMessage = z.infer<typeof longMessage>;
export type LongHeldOutRound = z.infer<typeof longHeldOutRound>;

export function readLongHeldOut(): LongHeldOutRound[] {
  return longHeldOutFile.parse(JSON.parse(readFileSync(LONG_HELD_OUT_FILE, 'utf8'))).rounds;
}

export interface LongMessageMiss {
  message: LongMessage;
  got: string;
  guesses: string[];
}

export interface LongMessageReport {
  total: number;
  top1: number;
  top3: number;
  misses: LongMessageMiss[];
}

export function evaluateLongMessages(
  classify: ExplainingClassifier,
  messages: readonly LongMessage[],
): LongMessageReport {
  let top1 = 0;
  let top3 = 0;
  const misses: LongMessageMiss[] = [];
  for (const message of messages) {
    const result = classify(message.text, { locale: 'nb' });
    const guesses = result.alternatives.slice(0, 3).map((alternative) => alternative.intent);
    const first = result.intent === message.intent;
    if (first) top1++;
    if (first || guesses.includes(message.intent)) top3++;
    if (!first) misses.push({ message, got: result.intent, guesses });
  }
  const total = messages.length;
  return { total, top1: total === 0 ? 0 : top1 / total, top3: total === 0 ? 0 : top3 / total, misses };
}

/** the intents a long message was expected to be and got, for the eval's listing */
export function describeMiss(miss: LongMessageMiss): string {
  const inTop3 = miss.guesses.includes(miss.message.intent as TopicIntent) ? ' (in top 3)' : '';
  return `  ${miss.message.intent} → ${miss.got}${inTop3} [${miss.guesses.join(', ')}]: "${miss.message.text}"`;
}
