/** Shared vocabulary of the helpline: languages, channels and the contract's intent ids. */

export const LOCALES = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CHANNELS = ['sms', 'webchat', 'cli'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TOPIC_INTENTS = [
  'openness.whether',
  'openness.how',
  'openness.rights',
  'openness.jobsearch',
  'openness.reactions',
  'measures.overview',
  'measures.wage_subsidy',
  'measures.mentor',
  'measures.work_training',
  'measures.adaptation',
  'measures.ips',
  'measures.job_coping',
  'measures.nav_followup',
  'measures.sick_leave',
  'helpline.about',
  'helpline.courses',
  'helpline.hours',
  'helpline.privacy',
  'work.recovery',
  'work.struggling',
  'work.return',
] as const;
export type TopicIntent = (typeof TOPIC_INTENTS)[number];

export const CONVERSATION_INTENTS = [
  'human',
  'greeting',
  'thanks',
  'goodbye',
  'menu',
  'affirm',
  'deny',
  'optout',
  'erase',
  'unknown',
] as const;
export type ConversationIntent = (typeof CONVERSATION_INTENTS)[number];

export const INTENTS = [...TOPIC_INTENTS, ...CONVERSATION_INTENTS] as const;
export type IntentId = TopicIntent | ConversationIntent;

export function isTopicIntent(intent: string): intent is TopicIntent {
  return (TOPIC_INTENTS as readonly string[]).includes(intent);
}

/**
 * How far a crisis has gone, in the order crisis counsellors ask about it:
 * thoughts of dying → a plan → the means at hand → now (an overdose taken, "tonight").
 * `none` exactly when the message is not a crisis.
 */
export const RISK_LEVELS = ['none', 'thoughts', 'plan', 'means', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What language understanding says about one message (the `npm run nlu` line). */
export interface Classification {
  intent: IntentId;
  confidence: number;
  crisis: boolean;
  /** `none` exactly when `crisis` is false */
  risk: RiskLevel;
  /**
   * a warning sign short of a clear crisis (heavy hopelessness, "orker ikke mer" alone): the bot
   * asks directly whether the person thinks of taking their life. Never true when `crisis` is.
   */
  concern: boolean;
  language: Locale;
  /**
   * set only for a message of emoji and nothing else that no intent fits: 'sad' (😔, 😢), which
   * deserves a kind question rather than "I didn't understand", or 'other'
   */
  emoji?: EmojiSignal;
  /**
   * the best topic intents with their confidence, best first (at most three): what the dialog offers
   * as "Mener du …?" when no single topic is sure enough. Absent for keywords and emoji.
   */
  guesses?: TopicGuess[];
  /** a message that asks two things: the topic of the other question, to be offered after the answer */
  alsoAsked?: TopicIntent;
}

export interface TopicGuess {
  intent: TopicIntent;
  confidence: number;
}

export type EmojiSignal = 'sad' | 'other';

/** What the dialog expects next, so the classifier can resolve short replies in context. */
export interface ClassifyContext {
  /** the conversation's current language */
  locale: Locale;
  /** true when the last bot message asked a yes/no question */
  expectsYesNo?: boolean;
}

export type Classifier = (text: string, context?: ClassifyContext) => Classification;
