/**
 * Effects that reach beyond one conversation's dialog (handover queue, mentor relay) are carried out by
 * hooks that run inside the turn's transaction; what must happen after the commit (live events to
 * mentors) comes back as callbacks.
 */

import type { DialogEffect, DialogEvent, OutboundMessage } from '../domain/dialogProtocol.js';
import type { ConversationRecord, UnitOfWork } from '../storage/ports.js';

export type EventWithoutFacts = DistributiveOmit<DialogEvent, 'facts'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export interface EffectContext {
  uow: UnitOfWork;
  conversation: ConversationRecord;
  now: Date;
  /** transcript id of the user's message in this turn, if the turn had one */
  userMessageId?: number;
}

export interface EffectResult {
  /** events for the dialog in the same turn (e.g. `handover.queued` with the queue position) */
  followUps?: EventWithoutFacts[];
  /** runs after the transaction committed */
  afterCommit?: () => Promise<void>;
}

/** What one turn did, for observers that count (statistics): seen inside the turn's transaction. */
export interface TurnSummary {
  uow: UnitOfWork;
  conversation: ConversationRecord;
  now: Date;
  /** the event the turn began with */
  event: EventWithoutFacts;
  /** the person's words, for a turn that began with their message */
  userText?: string;
  /** the first message the person sent in this conversation */
  firstUserMessage: boolean;
  /** the dialog's persisted snapshot before the turn (undefined for a new conversation) and after it */
  before: unknown;
  after: unknown;
  /** what the bot said and the person will get */
  outbound: OutboundMessage[];
}

export interface UserMessageContext {
  uow: UnitOfWork;
  conversation: ConversationRecord;
  /**
   * The conversation's open handover (null: none) when the turn already knows it: read at the turn's
   * start, and no hook effect ran since. Undefined: look it up.
   */
  openHandoverId?: string | null;
}

export interface TurnHooks {
  onEffect(effect: DialogEffect, context: EffectContext): Promise<EffectResult | undefined>;
  /**
   * In any turn that stored a user message, inside its transaction: what it returns runs after the
   * commit (lets the console see new messages live).
   */
  onUserMessage?(context: UserMessageContext): Promise<EffectResult['afterCommit']>;
  /** at the end of every turn that did not erase the conversation, inside its transaction */
  onTurnEnd?(summary: TurnSummary): Promise<void>;
}
