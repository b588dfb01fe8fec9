/** One conversation as every layer sees it: where it came from, where replies go, its dialog state. */
import type { Channel, Locale } from './domain.js';

export type ConversationStatus = 'open' | 'closed';

export interface ConversationRecord {
  id: string;
  channel: Channel;
  /** where replies go: a phone number (sms), a Direct Line / Bot Framework conversation id (webchat) */
  address: string;
  locale: Locale;
  status: ConversationStatus;
  /** persisted XState snapshot (JSON-serialisable), null before the first turn */
  snapshot: unknown | null;
  /** channel data needed to reach the user later (e.g. a Bot Framework ConversationReference) */
  reference: unknown | null;
  createdAt: Date;
  updatedAt: Date;
}
