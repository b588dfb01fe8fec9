/** What a channel adapter hands the engine, and what it gets back. */
import type { OutboundMessage } from './dialogProtocol.js';
import type { Channel, Locale } from './domain.js';

export interface InboundMessage {
  channel: Channel;
  /** the user's address on that channel: phone number, web chat conversation id, cli session */
  address: string;
  text: string;
  /** set when the user picked an offered choice directly (web chat button) */
  choice?: string;
  /** a picture or file came with the message */
  hasMedia?: boolean;
  /** delivery id for dedupe (Twilio MessageSid, activity id) */
  externalId?: string;
  /** the channel's own language hint (web chat activity.locale); used for new conversations */
  localeHint?: Locale;
  /** what the channel needs to reach this user later (Bot Framework ConversationReference) */
  reference?: unknown;
  /** an SMS kept in Twilio's message log (its sid, and its media's): remembered so erasure reaches Twilio */
  twilioMessage?: { messageSid: string; mediaSids: string[] };
}

export type TurnOutcome =
  | { kind: 'turn'; conversationId: string; locale: Locale; outbound: OutboundMessage[]; reply: string }
  /** already processed: the reply that was rendered the first time */
  | { kind: 'duplicate'; reply: string };
