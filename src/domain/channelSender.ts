/** Proactive delivery: reaching a user outside the request that carried their message. */
import type { ConversationRecord } from './conversationRecord.js';
import type { OutboundMessage } from './dialogProtocol.js';
import type { Locale } from './domain.js';

export type Delivery =
  | { kind: 'bot'; message: OutboundMessage }
  /** a human mentor's own words, sent as they wrote them; web chat shows them under `mentorName` */
  | { kind: 'mentor'; text: string; mentorName?: string };

export interface ChannelSender {
  send(conversation: ConversationRecord, locale: Locale, deliveries: Delivery[]): Promise<void>;
}
