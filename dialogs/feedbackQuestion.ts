/**
 * The feedback question after a mentor closed a conversation: "Var samtalen til hjelp?", answered
 * 1-5 (SMS: the number; web chat: a button). Asked once, never after a crisis conversation, and
 * skippable: anything else the person writes is an ordinary turn. The answer is only counted
 * (effect `recordFeedback`), never kept with the conversation. Copy: locales/<lng>/feedback.json.
 */
import type { Choice, FeedbackRating, OutboundMessage } from '../src/domain/dialogProtocol.js';
import type { Channel } from '../src/domain/domain.js';
import { CHOICE_IDS, choice } from './choices.js';
import type { UserMessage } from './understanding.js';

const RATINGS: readonly FeedbackRating[] = [1, 2, 3, 4, 5];
const CHOICE_PREFIX = 'feedback.';

/** SMS asks for a number, web chat (and the terminal) for a button */
export const FEEDBACK_QUESTION_KEYS = { sms: 'feedback.question.sms', chat: 'feedback.question.chat' } as const;
export const FEEDBACK_QUESTION_KEY_LIST: readonly string[] = Object.values(FEEDBACK_QUESTION_KEYS);

const ratingChoices = (): Choice[] =>
  RATINGS.map((rating) => ({ id: `${CHOICE_PREFIX}${rating}`, labelKey: `feedback.choice.${rating}` }));

export const feedbackMessages = {
  question: (channel: Channel): OutboundMessage => ({
    key: channel === 'sms' ? FEEDBACK_QUESTION_KEYS.sms : FEEDBACK_QUESTION_KEYS.chat,
    choices: ratingChoices(),
  }),
  thanks: (): OutboundMessage => ({ key: 'feedback.thanks', choices: [choice(CHOICE_IDS.menu)] }),
} as const;

/** every message of this module, for the content catalogue */
export function feedbackCatalogue(): OutboundMessage[] {
  return [feedbackMessages.question('sms'), feedbackMessages.question('webchat'), feedbackMessages.thanks()];
}

/** the rating a picked choice gives (a reply "4" to the SMS question is the fourth choice) */
export function ratingOf(message: UserMessage): FeedbackRating | undefined {
  if (!message.choice?.startsWith(CHOICE_PREFIX)) return undefined;
  const rating = Number(message.choice.slice(CHOICE_PREFIX.length));
  return RATINGS.find((candidate) => candidate === rating);
}
