/**
 * Proactive work for one person (telling them a mentor is here, a mentor's message, a wait update)
 * runs in the background, in order per conversation: the HTTP answer to the mentor never waits on a
 * slow Twilio API, and "a mentor is here" still arrives before the mentor's first words.
 */
import type { Logger } from 'pino';
import { errorSummary } from '../logging/errorSummary.js';

export interface ConversationOutbox {
  /** runs `task` after the conversation's earlier tasks; a failing task is logged and does not stop the next */
  enqueue(conversationId: string, task: () => Promise<void>): void;
  /** resolves when every task enqueued so far has finished */
  idle(): Promise<void>;
}

export function createConversationOutbox(logger: Logger): ConversationOutbox {
  const tails = new Map<string, Promise<void>>();

  return {
    enqueue(conversationId, task) {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      const next = previous.then(task).catch((error: unknown) => {
        logger.error({ err: errorSummary(error), conversationId }, 'background delivery failed');
      });
      tails.set(conversationId, next);
      // forget the conversation once its last task is done, so the map does not grow
      void next.then(() => {
        if (tails.get(conversationId) === next) tails.delete(conversationId);
      });
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
