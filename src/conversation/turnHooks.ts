/**
 * Effects that reach beyond one conversation's dialog (handover queue, mentor relay) are carried out by
 * hooks that run inside the turn's transaction; what must happen after the commit (live events to
 * mentors) comes back as callbacks.
 */
import type { ConversationRecord, UnitOfWork } from '../storage/ports.js';
import type { DialogEffect, DialogEvent } from './dialogProtocol.js';

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

export interface TurnHooks {
  onEffect(effect: DialogEffect, context: EffectContext): Promise<EffectResult | undefined>;
  /**
   * In any turn that stored a user message, inside its transaction: what it returns runs after the
   * commit (lets the console see new messages live).
   */
  onUserMessage?(context: { uow: UnitOfWork; conversation: ConversationRecord }): Promise<EffectResult['afterCommit']>;
}
