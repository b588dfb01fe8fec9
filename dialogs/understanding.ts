/**
 * How the dialog reads one user message: which confidence is enough for what, and small predicates
 * the machine's guards are made of. Pure functions of the message.
 */
import type { DialogEvent } from '../src/domain/dialogProtocol.js';
import { type ConversationIntent, isTopicIntent, type TopicIntent } from '../src/domain/domain.js';

export type UserMessage = Extract<DialogEvent, { type: 'user.message' }>;

export const CONFIDENCE = {
  /** a topic question this sure is answered at once */
  answer: 0.5,
  /** below `answer` but at least this: the bot asks "did you mean ...?" */
  clarify: 0.3,
  /** conversation intents (thanks, human, yes, no, ...) */
  intent: 0.3,
  /** opting out silences the bot, so it needs more certainty than the keyword-free wording gives */
  optOut: 0.7,
  /** erasing asks for confirmation first */
  erase: 0.5,
} as const;

/** a message that is only a word, a number or emoji the dialog reacts to, not something said in words */
function isControl(message: UserMessage): boolean {
  return (
    message.keyword !== undefined ||
    message.choice !== undefined ||
    message.empty === true ||
    message.emojiOnly === true ||
    message.phone !== undefined ||
    message.phoneLike === true
  );
}

export function hasIntent(message: UserMessage, intent: ConversationIntent, confidence: number = CONFIDENCE.intent) {
  return !isControl(message) && message.nlu.intent === intent && message.nlu.confidence >= confidence;
}

/** the topic the user asks about, when the classifier is sure enough to answer */
export function confidentTopic(message: UserMessage): TopicIntent | undefined {
  const { intent, confidence } = message.nlu;
  if (isControl(message) || !isTopicIntent(intent) || confidence < CONFIDENCE.answer) return undefined;
  return intent;
}

/** the topic the user may be asking about, when the classifier is unsure */
export function guessedTopic(message: UserMessage): TopicIntent | undefined {
  const { intent, confidence } = message.nlu;
  if (isControl(message) || !isTopicIntent(intent)) return undefined;
  return confidence >= CONFIDENCE.clarify && confidence < CONFIDENCE.answer ? intent : undefined;
}

/** false for messages the bot could not make anything of: they count towards offering a mentor */
export function isUnderstood(message: UserMessage): boolean {
  if (isControl(message)) return true;
  const { intent, confidence } = message.nlu;
  if (intent === 'unknown') return false;
  return confidence >= (isTopicIntent(intent) ? CONFIDENCE.clarify : CONFIDENCE.intent);
}

export function isStopRequest(message: UserMessage): boolean {
  return message.keyword === 'stop' || hasIntent(message, 'optout', CONFIDENCE.optOut);
}

/**
 * Maybe a wish to stop, but not a clear one ("kan jeg slutte å få meldinger?" said in passing): the
 * bot asks, and only STOPP (or a plain sentence the classifier is sure of) opts out.
 */
export function isPossibleStopRequest(message: UserMessage): boolean {
  return hasIntent(message, 'optout') && !isStopRequest(message);
}

export function isEraseRequest(message: UserMessage): boolean {
  return message.keyword === 'erase' || hasIntent(message, 'erase', CONFIDENCE.erase);
}

export function isAffirm(message: UserMessage): boolean {
  return hasIntent(message, 'affirm');
}

export function isDeny(message: UserMessage): boolean {
  return hasIntent(message, 'deny');
}

/** free text (not a keyword, a picked choice or an empty message) */
export function isText(message: UserMessage): boolean {
  return !isControl(message);
}
