/**
 * Changes to a handover run under its conversation's lock, the same one the conversation's turns take,
 * so a mentor's action, a timer and a message from the person never interleave (across instances
 * too, with PostgreSQL's advisory locks). The handover is read again inside the lock.
 */
import { lockKeyOf } from '../conversation/conversationEngine.js';
import type { ConversationRecord, HandoverRecord, Store, UnitOfWork } from '../storage/ports.js';

export async function withLockedHandover<T>(
  store: Store,
  handoverId: string,
  work: (uow: UnitOfWork, handover: HandoverRecord, conversation: ConversationRecord) => Promise<T>,
): Promise<{ found: true; value: T } | { found: false }> {
  const conversation = await store.transaction(null, async (uow) => {
    const handover = await uow.handovers.get(handoverId);
    return handover && uow.conversations.get(handover.conversationId);
  });
  if (!conversation) return { found: false };
  return store.transaction(lockKeyOf(conversation.channel, conversation.address), async (uow) => {
    const handover = await uow.handovers.get(handoverId);
    const current = await uow.conversations.get(conversation.id);
    if (!handover || !current) return { found: false };
    return { found: true, value: await work(uow, handover, current) };
  });
}

/**
 * The id the conversation's next transcript row gets at the least (ids only grow): the boundary a
 * take-over or a close records, exact under the conversation's lock.
 */
export async function nextMessageId(uow: UnitOfWork, conversationId: string): Promise<number> {
  return ((await uow.transcript.list(conversationId)).at(-1)?.id ?? 0) + 1;
}
