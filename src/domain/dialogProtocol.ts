/**
 * The protocol between the conversation engine and the pure dialog machines.
 * The engine sends DialogEvents; the machine answers by emitting DialogEmitted events
 * (`emit()` in XState v5). Machines never produce text: only translation keys.
 */
import type { Classification, Locale, TopicIntent } from './domain.js';

/** Words that work in any state (CONTRACT.md, SMS conventions); matched by the engine from locales. */
export const KEYWORDS = [
  'stop',
  'start',
  'erase',
  'menu',
  'cancel',
  'more',
  'back',
  /** language switch words (system.json keys langNb, langNn, langEn) */
  'lang.nb',
  'lang.nn',
  'lang.en',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** A choice the bot offers: rendered as `1. label` on SMS, a button on web chat. */
export interface Choice {
  /** stable id the machine receives back in `user.message.choice` when the user picks it */
  id: string;
  /** translation key of the label */
  labelKey: string;
}

export type MessageParams = Record<string, string | number>;

/** One thing the bot says, in keys. */
export interface OutboundMessage {
  key: string;
  params?: MessageParams;
  choices?: Choice[];
  /** continuation for long answers: SMS offers it behind `MER`, web chat shows it at once */
  moreKey?: string;
  /** marks the crisis message so channels and the console can treat it first */
  crisis?: boolean;
  /**
   * sent even to a number that opted out (STOPP): answers to what the person just asked for
   * (the SLETT dialog, the hint next to a crisis answer). Crisis messages always are.
   */
  reachesOptedOut?: boolean;
}

/** Facts about the world the machine may branch on; computed by the engine for each event. */
export interface DialogFacts {
  /** mentors answer right now (opening hours, holidays) */
  mentorsOnDuty: boolean;
  channel: 'sms' | 'webchat' | 'cli';
  /** RETENTION_DAYS: how long the copy says a conversation (and a callback number) is kept at most */
  retentionDays: number;
}

export type DialogEvent =
  /** a message from the user; `choice` is set when they picked one of the offered choices */
  | {
      type: 'user.message';
      nlu: Classification;
      keyword?: Keyword;
      choice?: string;
      /** empty text, or a picture with no text */
      empty?: boolean;
      /** with `empty`: a picture (MMS) came, without text */
      picture?: boolean;
      /** nothing but emoji (😔): no words to classify */
      emojiOnly?: boolean;
      /** the message is a Norwegian mobile number (E.164), e.g. left for a callback */
      phone?: string;
      /** the message is a phone number, but not a Norwegian mobile one */
      phoneLike?: boolean;
      /** the person takes back their consent: "ikke del samtalen" (src/privacy/consentWithdrawal.ts) */
      withdrawConsent?: boolean;
      facts: DialogFacts;
    }
  /** a new web chat visitor (conversationUpdate) or a first contact: say the welcome */
  | { type: 'session.start'; facts: DialogFacts }
  /**
   * handover lifecycle, sent by the handover service. `waitMinutes` is a measured, rounded estimate,
   * or null when the queue cannot honestly give one (too little data, no free mentor, crisis)
   */
  | { type: 'handover.queued'; position: number; waitMinutes: number | null; facts: DialogFacts }
  | { type: 'handover.waitUpdate'; position: number; waitMinutes: number | null; facts: DialogFacts }
  | { type: 'handover.accepted'; facts: DialogFacts }
  | { type: 'handover.released'; facts: DialogFacts }
  | { type: 'handover.closed'; facts: DialogFacts }
  | { type: 'handover.mentorLost'; facts: DialogFacts }
  /** a mentor texts first, answering a callback: the conversation starts with the mentor */
  | { type: 'handover.startedByMentor'; facts: DialogFacts };

/** Side effects the engine carries out in the same transaction as the turn. */
export type DialogEffect =
  | { kind: 'optOut' }
  | { kind: 'optIn' }
  | { kind: 'erase' }
  | { kind: 'setLocale'; locale: Locale }
  | {
      kind: 'requestHandover';
      consent: boolean;
      crisis: boolean;
      topic?: TopicIntent;
      /** outside opening hours: a callback request instead of a live queue entry */
      callback: boolean;
    }
  /** `erasing`: on the way to SLETT, which leaves no trace in the statistics (not counted as leaving the queue) */
  | { kind: 'cancelHandover'; erasing?: true }
  /** the consent question answered yes after the person was already queued (a crisis): the mentor may read it all */
  | { kind: 'shareTranscript' }
  /** consent taken back while waiting or with a mentor: the mentor reads only what comes after they took over */
  | { kind: 'withdrawConsent' }
  /** a web chat visitor left a number to be texted back: kept with the open callback only */
  | { kind: 'saveCallbackContact'; phone: string }
  | { kind: 'flagCrisis' }
  /** a warning sign (no clear crisis) while a handover is open: the mentor sees the message marked */
  | { kind: 'flagConcern' }
  /** while a mentor has the conversation: pass the user's message to them */
  | { kind: 'relayToMentor' }
  /**
   * the person picked a topic from "Mener du …?": a labelled example candidate for staff, of the
   * message before the pick (its masked text only where the deployment keeps samples)
   */
  | { kind: 'recordExampleCandidate'; topic: TopicIntent; dialogState: string }
  /** the answer to "was the conversation helpful?" (1-5), counted anonymously */
  | { kind: 'recordFeedback'; rating: FeedbackRating };

export type FeedbackRating = 1 | 2 | 3 | 4 | 5;

export type DialogEmitted = { type: 'say'; message: OutboundMessage } | { type: 'effect'; effect: DialogEffect };
