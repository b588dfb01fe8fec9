/**
 * "Mener du …?": when no single topic is sure enough to answer but the classifier's two or three best
 * guesses together are, the bot offers them as choices (and "Noe annet") instead of "I did not
 * understand". Pure functions of the message; the machine's `suggesting` state uses them.
 */
import type { Choice, OutboundMessage } from '../src/domain/dialogProtocol.js';
import { isTopicIntent, type TopicIntent } from '../src/domain/domain.js';
import { CHOICE_IDS, choice, topicChoice, topicOfChoice } from './choices.js';
import { CONFIDENCE, confidentTopic, isText, type UserMessage } from './understanding.js';

/**
 * Chosen on the 5-fold cross-validated training examples, not on a held-out set: of the topic
 * examples no single guess was sure of (178), these offer a choice for 159, and the right topic is
 * among the offered ones for 133 (84 %); raising `together` to 0.6 offers it to 106 (93 right).
 */
export const SUGGESTION = {
  /** the offered guesses together are at least this sure */
  together: 0.3,
  /** a guess less sure than this is not offered */
  each: 0.05,
  /** at most this many topics are offered */
  most: 3,
} as const;

/** the topics to offer, best first, or undefined when "Mener du …?" does not fit the message */
export function suggestedTopics(message: UserMessage): TopicIntent[] | undefined {
  if (!isText(message) || confidentTopic(message) !== undefined) return undefined;
  const { intent, confidence, guesses = [] } = message.nlu;
  // a clear conversation intent (thanks, a person, yes) is answered as that
  if (!isTopicIntent(intent) && intent !== 'unknown' && confidence >= CONFIDENCE.intent) return undefined;
  const offered = guesses.filter((guess) => guess.confidence >= SUGGESTION.each).slice(0, SUGGESTION.most);
  const together = offered.reduce((sum, guess) => sum + guess.confidence, 0);
  if (offered.length < 2 || together < SUGGESTION.together) return undefined;
  return offered.map((guess) => guess.intent);
}

/** the picked topic, when the message picks one of the offered ones */
export function pickedSuggestion(message: UserMessage, offered: readonly TopicIntent[]): TopicIntent | undefined {
  const topic = topicOfChoice(message.choice);
  return topic !== undefined && offered.includes(topic) ? topic : undefined;
}

export function suggestionChoices(topics: readonly TopicIntent[]): Choice[] {
  return [...topics.map(topicChoice), choice(CHOICE_IDS.somethingElse)];
}

export const suggestionMessages = {
  /** "Mener du 1. … 2. … 3. Noe annet?" */
  question: (topics: readonly TopicIntent[]): OutboundMessage => ({
    key: 'dialog.suggest.question',
    choices: suggestionChoices(topics),
  }),
  /** "Noe annet": the person is asked to say it otherwise; the menu follows */
  other: (): OutboundMessage => ({ key: 'dialog.suggest.other' }),
};
